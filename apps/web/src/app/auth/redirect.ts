/** 303 so the browser follows a form POST with a GET. Relative, so it works behind any host name. */
export function seeOther(location: string, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set('Location', location);
  return new Response(null, { status: 303, headers: h });
}
