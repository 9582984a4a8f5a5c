/**
 * PUTs a file to the console's upload route with XHR, for its upload progress events (fetch has
 * none for request bodies). Resolves with the route's JSON, rejects with its message.
 */
export function uploadImageFile(
  imageId: string,
  file: Blob,
  csrf: string,
  onProgress: (loaded: number, total: number) => void,
  signal?: AbortSignal,
): Promise<{ id: string; status: string; size: number | null }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `/project/images/upload/${encodeURIComponent(imageId)}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let body: { message?: string } & Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not JSON
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as unknown as { id: string; status: string; size: number | null });
      else reject(new Error(body.message ?? `Upload failed (HTTP ${xhr.status})`));
    };
    xhr.onerror = () => reject(new Error('The upload was interrupted.'));
    xhr.onabort = () => reject(new Error('Upload cancelled.'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
