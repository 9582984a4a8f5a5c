/**
 * OpenStack status strings → visual tone + label. Pure, so the mapping is unit-tested and shared by
 * StatusBadge and by list pages that refresh while any row is transitional (Skyline's pattern).
 */

export type StatusTone = 'active' | 'building' | 'error' | 'warning' | 'shutoff';

const ACTIVE = [
  'ACTIVE', 'AVAILABLE', 'IN-USE', 'ENABLED', 'UP', 'ONLINE', 'RUNNING', 'OK', 'SUCCESS',
  'COMPLETE', 'COMPLETED', 'ATTACHED', 'READY', 'ALIVE',
];
const BUILDING = [
  'BUILD', 'REBUILD', 'REBOOT', 'HARD_REBOOT', 'RESIZE', 'REVERT_RESIZE', 'MIGRATING', 'PASSWORD',
  'QUEUED', 'SAVING', 'UPLOADING', 'IMPORTING', 'BACKING-UP', 'RESTORING-BACKUP', 'AWAITING-TRANSFER',
  'RETYPING', 'MAINTENANCE', 'SCHEDULING', 'SPAWNING',
];
const ERROR = ['ERROR', 'FAILED', 'KILLED', 'FAULT', 'DEAD'];
const WARNING = [
  'VERIFY_RESIZE', 'PAUSED', 'SUSPENDED', 'RESCUE', 'SHELVED', 'SHELVED_OFFLOADED', 'DEGRADED',
  'DOWN', 'RESERVED', 'EXPIRED', 'PENDING',
];
const SHUTOFF = [
  'SHUTOFF', 'STOPPED', 'DISABLED', 'DELETED', 'SOFT_DELETED', 'INACTIVE', 'DEACTIVATED', 'OFFLINE',
  'UNKNOWN', 'NONE',
];

const TONE_BY_STATUS = new Map<string, StatusTone>([
  ...ACTIVE.map((s) => [s, 'active'] as const),
  ...BUILDING.map((s) => [s, 'building'] as const),
  ...ERROR.map((s) => [s, 'error'] as const),
  ...WARNING.map((s) => [s, 'warning'] as const),
  ...SHUTOFF.map((s) => [s, 'shutoff'] as const),
]);

/** Labels that plain title-casing gets wrong or that read better spelled out. */
const LABELS: Record<string, string> = {
  BUILD: 'Building',
  SHUTOFF: 'Shut off',
  'IN-USE': 'In use',
  HARD_REBOOT: 'Hard rebooting',
  REBOOT: 'Rebooting',
  REBUILD: 'Rebuilding',
  RESIZE: 'Resizing',
  REVERT_RESIZE: 'Reverting resize',
  VERIFY_RESIZE: 'Confirm or revert resize',
  SHELVED_OFFLOADED: 'Shelved (offloaded)',
  SOFT_DELETED: 'Soft deleted',
  'BACKING-UP': 'Backing up',
  'RESTORING-BACKUP': 'Restoring backup',
  'AWAITING-TRANSFER': 'Awaiting transfer',
  PASSWORD: 'Setting password',
};

function normalise(status: string): string {
  return status.trim().toUpperCase().replace(/\s+/g, '_');
}

/** Tone for any OpenStack status; unknown words fall back by shape (ERROR_*, *ING, PENDING_*). */
export function statusTone(status: string | null | undefined): StatusTone {
  if (!status) return 'shutoff';
  const key = normalise(status);
  const known = TONE_BY_STATUS.get(key);
  if (known) return known;
  if (key.startsWith('ERROR') || key.endsWith('FAILED')) return 'error';
  if (key.startsWith('PENDING_') || /ING$/.test(key)) return 'building';
  return 'shutoff';
}

/** Whether a row in this status will change by itself soon (lists poll while any row is). */
export function isTransitional(status: string | null | undefined): boolean {
  return statusTone(status) === 'building';
}

/** Human label: "in-use" → "In use", "ERROR_DELETING" → "Error deleting". */
export function statusLabel(status: string | null | undefined): string {
  if (!status) return 'Unknown';
  const key = normalise(status);
  const label = LABELS[key];
  if (label) return label;
  const words = key.replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
