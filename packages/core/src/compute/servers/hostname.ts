/**
 * Nova's sanitize_hostname: the guest hostname derived from a display name. Characters outside
 * Latin-1 are dropped, the name is cut to 63 (dnsmasq's limit, the lowest of the usual ones)
 * before anything else, spaces, underscores and dots become '-', whatever is not a letter, digit
 * or '-' goes, it is lowercased and stripped of leading and trailing '.' and '-'.
 */
export function sanitizeHostname(name: string): string {
  const latin1 = [...name].filter((ch) => ch.codePointAt(0)! <= 0xff).join('');
  return latin1
    .slice(0, 63)
    .replace(/[ _.]/g, '-')
    .replace(/[^\p{L}\p{N}_.-]+/gu, '')
    .toLowerCase()
    .replace(/^[.-]+|[.-]+$/g, '');
}

/**
 * The hostname of one instance of a create request, as Nova's _populate_instance_names: the
 * sanitised display name (which already carries `-<n>` in a multi-create), or `Server-<uuid>`
 * when nothing of the name survives.
 */
export function instanceHostname(displayName: string, id: string, requestName: string): string {
  const fallback = `Server-${id}`.slice(0, 63);
  if (sanitizeHostname(requestName) === '') return fallback;
  return sanitizeHostname(displayName) || fallback;
}
