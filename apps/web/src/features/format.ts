/**
 * Times as "2026-11-25 14:03 UTC": the same text on the server render and in the browser (a
 * locale or time-zone dependent format would differ between them and break hydration).
 */
export function formatTime(value: Date | string | null | undefined, withSeconds = false): string {
  if (!value) return '';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return '';
  return `${d.toISOString().slice(0, withSeconds ? 19 : 16).replace('T', ' ')} UTC`;
}
