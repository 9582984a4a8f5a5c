import { randomUUID } from 'node:crypto';

/** OpenStack-style resource id: a UUID4 as 32 lowercase hex digits (Keystone's form). */
export function newId(): string {
  return randomUUID().replaceAll('-', '');
}

/** Request id in the `req-<uuid>` form OpenStack services put in `x-openstack-request-id`. */
export function newRequestId(): string {
  return `req-${randomUUID()}`;
}
