import type { RouteDef } from '../router';
import { CONTAINER_FORMATS, DISK_FORMATS, MEMBER_STATUSES, VISIBILITIES } from '@nimbus/core/image/index';

const nullableString = { type: ['null', 'string'], maxLength: 255 };

/** A trimmed Glance image schema: the attributes nimbus accepts and reports. */
const imageSchema = {
  name: 'image',
  additionalProperties: { type: 'string' },
  properties: {
    id: { type: 'string', pattern: '^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$', description: 'An identifier for the image' },
    name: { ...nullableString, description: 'Descriptive name for the image' },
    status: { type: 'string', readOnly: true, enum: ['queued', 'saving', 'active', 'killed', 'deleted', 'deactivated'] },
    visibility: { type: 'string', enum: [...VISIBILITIES] },
    protected: { type: 'boolean' },
    os_hidden: { type: 'boolean' },
    checksum: { type: ['null', 'string'], readOnly: true, maxLength: 32 },
    os_hash_algo: { type: ['null', 'string'], readOnly: true, maxLength: 64 },
    os_hash_value: { type: ['null', 'string'], readOnly: true, maxLength: 128 },
    owner: nullableString,
    size: { type: ['null', 'integer'], readOnly: true },
    virtual_size: { type: ['null', 'integer'], readOnly: true },
    container_format: { type: ['null', 'string'], enum: [null, ...CONTAINER_FORMATS] },
    disk_format: { type: ['null', 'string'], enum: [null, ...DISK_FORMATS] },
    created_at: { type: 'string', readOnly: true, format: 'date-time' },
    updated_at: { type: 'string', readOnly: true, format: 'date-time' },
    tags: { type: 'array', items: { type: 'string', maxLength: 255 } },
    min_ram: { type: 'integer' },
    min_disk: { type: 'integer' },
    self: { type: 'string', readOnly: true },
    file: { type: 'string', readOnly: true },
    schema: { type: 'string', readOnly: true },
  },
  links: [
    { rel: 'self', href: '{self}' },
    { rel: 'enclosure', href: '{file}' },
    { rel: 'describedby', href: '{schema}' },
  ],
};

const memberSchema = {
  name: 'member',
  properties: {
    created_at: { type: 'string' },
    image_id: { type: 'string' },
    member_id: { type: 'string' },
    schema: { type: 'string', readOnly: true },
    status: { type: 'string', enum: [...MEMBER_STATUSES] },
    updated_at: { type: 'string' },
  },
};

export const imageSchemaRoutes: RouteDef[] = [
  { method: 'GET', path: '/v2/schemas/image', handler: async () => ({ status: 200, body: imageSchema }) },
  {
    method: 'GET',
    path: '/v2/schemas/images',
    handler: async () => ({
      status: 200,
      body: {
        name: 'images',
        properties: { images: { type: 'array', items: imageSchema }, schema: { type: 'string' }, first: { type: 'string' }, next: { type: 'string' } },
        links: [{ rel: 'first', href: '{first}' }, { rel: 'next', href: '{next}' }, { rel: 'describedby', href: '{schema}' }],
      },
    }),
  },
  { method: 'GET', path: '/v2/schemas/member', handler: async () => ({ status: 200, body: memberSchema }) },
  {
    method: 'GET',
    path: '/v2/schemas/members',
    handler: async () => ({ status: 200, body: { name: 'members', properties: { members: { type: 'array', items: memberSchema }, schema: { type: 'string' } } } }),
  },
];
