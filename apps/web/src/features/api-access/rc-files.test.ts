import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  appCredentialCloudsYaml, appCredentialOpenrc, passwordCloudsYaml, passwordOpenrc, safeFileName, shellQuote, type AppCredentialRc, type PasswordRc,
} from './rc-files';

const rc: PasswordRc = {
  authUrl: 'http://127.0.0.1:3000/identity',
  regionName: 'RegionOne',
  userName: "o'brien $HOME `id`",
  userDomainName: 'Default',
  projectId: 'p1',
  projectName: 'demo "x"',
  projectDomainId: 'default',
};

const app: AppCredentialRc = { authUrl: rc.authUrl, regionName: null, id: 'ac1', name: 'ci\nbot', secret: "s3cr'et" };

/** Sources the file in a real shell (password read from stdin) and prints the OS_ variables. */
function sourced(script: string, stdin = ''): Record<string, string> {
  const out = execFileSync('bash', ['-c', `{\n${script}\n} >/dev/null\nenv -0 | grep -z '^OS_' || true`], { input: stdin, env: { NODE_ENV: 'test', PATH: process.env.PATH ?? '' }, stdio: ['pipe', 'pipe', 'ignore'] });
  return Object.fromEntries(
    out
      .toString()
      .split('\0')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('shellQuote', () => {
  it('keeps every character literal', () => {
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
    expect(execFileSync('bash', ['-c', `printf %s ${shellQuote("$x `y` 'z' \\n")}`]).toString()).toBe("$x `y` 'z' \\n");
  });
});

describe('passwordOpenrc', () => {
  it('sets the v3 variables and reads the password from the terminal', () => {
    const env = sourced(passwordOpenrc(rc), 'hunter2\n');
    expect(env).toMatchObject({
      OS_AUTH_URL: rc.authUrl,
      OS_PROJECT_ID: 'p1',
      OS_PROJECT_NAME: 'demo "x"',
      OS_USER_DOMAIN_NAME: 'Default',
      OS_PROJECT_DOMAIN_ID: 'default',
      OS_USERNAME: "o'brien $HOME `id`",
      OS_PASSWORD: 'hunter2',
      OS_REGION_NAME: 'RegionOne',
      OS_INTERFACE: 'public',
      OS_IDENTITY_API_VERSION: '3',
    });
    expect(passwordOpenrc(rc)).not.toContain('hunter2');
  });

  it('leaves the region out when there is none', () => {
    expect(sourced(passwordOpenrc({ ...rc, regionName: null }), 'x\n').OS_REGION_NAME).toBeUndefined();
  });
});

describe('clouds.yaml', () => {
  it('parses to the password cloud entry without a password', () => {
    expect(parse(passwordCloudsYaml(rc))).toEqual({
      clouds: {
        openstack: {
          auth: { auth_url: rc.authUrl, username: rc.userName, project_id: 'p1', project_name: 'demo "x"', user_domain_name: 'Default', project_domain_id: 'default' },
          region_name: 'RegionOne',
          interface: 'public',
          identity_api_version: 3,
        },
      },
    });
  });

  it('parses to the application credential entry', () => {
    expect(parse(appCredentialCloudsYaml(app, 'ci'))).toEqual({
      clouds: {
        ci: {
          auth: { auth_url: rc.authUrl, application_credential_id: 'ac1', application_credential_secret: "s3cr'et" },
          interface: 'public',
          identity_api_version: 3,
          auth_type: 'v3applicationcredential',
        },
      },
    });
  });
});

describe('appCredentialOpenrc', () => {
  it('authenticates with the credential and clears password variables', () => {
    const env = sourced(`export OS_PASSWORD=old OS_USERNAME=old\n${appCredentialOpenrc(app)}`);
    expect(env).toMatchObject({
      OS_AUTH_TYPE: 'v3applicationcredential',
      OS_APPLICATION_CREDENTIAL_ID: 'ac1',
      OS_APPLICATION_CREDENTIAL_SECRET: "s3cr'et",
      OS_AUTH_URL: rc.authUrl,
    });
    expect(env.OS_PASSWORD).toBeUndefined();
    expect(env.OS_USERNAME).toBeUndefined();
    expect(appCredentialOpenrc(app).split('\n')[1]).toBe('# Application credential ci bot: keep this file secret.');
  });
});

describe('safeFileName', () => {
  it('keeps names usable as file names', () => {
    expect(safeFileName('demo project/../x')).toBe('demo_project_.._x');
    expect(safeFileName('///')).toBe('openstack');
  });
});
