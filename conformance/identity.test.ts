import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openrcEnv, openstack, openstackJson } from './openstack-cli';

// Acceptance 1 of the identity issue: the commands an operator types, through Debian's client.
const admin = openrcEnv('admin', 'admin', process.env.NIMBUS_ADMIN_PASSWORD ?? 'admin');
const suffix = randomBytes(4).toString('hex');
const projectName = `conf-project-${suffix}`;
const userName = `conf-user-${suffix}`;
const userPassword = `pw-${suffix}-Secret`;

type Row = Record<string, unknown>;

describe('openstack client against nimbus identity', () => {
  it('token issue returns a project-scoped token', async () => {
    const token = await openstackJson<Row>(admin, 'token', 'issue');
    expect(typeof token.id).toBe('string');
    expect(String(token.id).length).toBeGreaterThan(100);
    expect(token.project_id).toMatch(/^[0-9a-f]{32}$/);
    expect(token.user_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('catalog list shows every service of DESIGN.md §3', async () => {
    const catalog = await openstackJson<Row[]>(admin, 'catalog', 'list');
    const types = catalog.map((s) => s.Type);
    for (const t of ['identity', 'compute', 'network', 'image', 'block-storage', 'volumev3', 'object-store']) {
      expect(types).toContain(t);
    }
  });

  it('service list and endpoint list show the seeded catalog with three interfaces each', async () => {
    const services = await openstackJson<Row[]>(admin, 'service', 'list');
    expect(services.map((s) => s.Name)).toEqual(expect.arrayContaining(['keystone', 'nova', 'neutron', 'glance', 'cinder', 'swift']));
    const endpoints = await openstackJson<Row[]>(admin, 'endpoint', 'list');
    const identity = endpoints.filter((e) => e['Service Type'] === 'identity');
    expect(identity.map((e) => e.Interface).sort()).toEqual(['admin', 'internal', 'public']);
    expect(identity.every((e) => String(e.URL).endsWith('/identity'))).toBe(true);
  });

  it('role list shows admin, member and reader', async () => {
    const roles = await openstackJson<Row[]>(admin, 'role', 'list');
    expect(roles.map((r) => r.Name)).toEqual(expect.arrayContaining(['admin', 'member', 'reader']));
  });

  it('project list and user list show the seed', async () => {
    const projects = await openstackJson<Row[]>(admin, 'project', 'list');
    expect(projects.map((p) => p.Name)).toEqual(expect.arrayContaining(['admin', 'demo', 'service']));
    const users = await openstackJson<Row[]>(admin, 'user', 'list');
    expect(users.map((u) => u.Name)).toEqual(expect.arrayContaining(['admin', 'demo', 'nova', 'glance', 'cinder', 'neutron', 'swift']));
  });

  it('project create, user create --project --password, role add, role assignment list --names', async () => {
    const project = await openstackJson<Row>(admin, 'project', 'create', '--description', 'conformance', projectName);
    expect(project.name).toBe(projectName);
    expect(project.enabled).toBe(true);

    const user = await openstackJson<Row>(admin, 'user', 'create', '--project', projectName, '--password', userPassword, userName);
    expect(user.name).toBe(userName);
    expect(user.default_project_id).toBe(project.id);

    const added = await openstack(admin, 'role', 'add', '--project', projectName, '--user', userName, 'member');
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);

    const assignments = await openstackJson<Row[]>(admin, 'role', 'assignment', 'list', '--project', projectName, '--names');
    expect(assignments).toEqual([
      expect.objectContaining({ Role: 'member', User: `${userName}@Default`, Project: `${projectName}@Default` }),
    ]);

    // The new user can now work in that project, and only there.
    const asUser = openrcEnv(userName, projectName, userPassword);
    const token = await openstackJson<Row>(asUser, 'token', 'issue');
    expect(token.project_id).toBe(project.id);
    const denied = await openstack(openrcEnv(userName, 'admin', userPassword), 'token', 'issue');
    expect(denied.code).not.toBe(0);
  });

  it('application credential create, then authenticate with it', async () => {
    const asUser = openrcEnv(userName, projectName, userPassword);
    const cred = await openstackJson<Row>(asUser, 'application', 'credential', 'create', `conf-cred-${suffix}`);
    expect(typeof cred.secret).toBe('string');
    expect(String(cred.secret).length).toBeGreaterThanOrEqual(32);
    const viaCred = {
      OS_AUTH_URL: admin.OS_AUTH_URL!,
      OS_IDENTITY_API_VERSION: '3',
      OS_AUTH_TYPE: 'v3applicationcredential',
      OS_APPLICATION_CREDENTIAL_ID: String(cred.id),
      OS_APPLICATION_CREDENTIAL_SECRET: String(cred.secret),
      OS_REGION_NAME: 'RegionOne',
      OS_INTERFACE: 'public',
    };
    const token = await openstackJson<Row>(viaCred, 'token', 'issue');
    expect(token.user_id).toBe(cred.user_id ?? token.user_id);
    expect(String(token.project_id)).toMatch(/^[0-9a-f]{32}$/);

    const wrong = await openstack({ ...viaCred, OS_APPLICATION_CREDENTIAL_SECRET: 'not-the-secret' }, 'token', 'issue');
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/401|authenticat/i);
  });
});
