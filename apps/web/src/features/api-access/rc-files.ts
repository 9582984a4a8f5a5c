/**
 * The files Horizon's API Access panel hands out: a v3 openrc (sourced by a shell; prompts for the
 * password, never contains it) and a clouds.yaml entry, for a user's password login or for an
 * application credential. Pure text builders, so every value's quoting is unit-tested.
 */

export interface PasswordRc {
  /** Identity endpoint, e.g. `http://host:3000/identity`. */
  authUrl: string;
  regionName: string | null;
  userName: string;
  userDomainName: string;
  projectId: string;
  projectName: string;
  projectDomainId: string;
}

export interface AppCredentialRc {
  authUrl: string;
  regionName: string | null;
  id: string;
  name: string;
  secret: string;
}

/** POSIX single quotes: the only character needing care inside them is the quote itself. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A JSON string is a valid YAML double-quoted scalar, with every escape YAML needs. */
function yamlString(value: string): string {
  return JSON.stringify(value);
}

/** The file name a download gets: safe characters only. */
export function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'openstack';
}

function exportLine(name: string, value: string): string {
  return `export ${name}=${shellQuote(value)}`;
}

const HEADER = [
  '#!/usr/bin/env bash',
  '# To use an OpenStack cloud you need to authenticate against the Identity',
  '# service named keystone, which returns a **Token** and **Service Catalog**.',
  '# The catalog contains the endpoints for all services the user/tenant has',
  '# access to - such as Compute, Image Service, Identity, Object Storage, Block',
  '# Storage, and Networking (code-named nova, glance, keystone, swift,',
  '# cinder, and neutron).',
  '#',
  '# *NOTE*: Using the 3 *Identity API* does not necessarily mean any other',
  '# OpenStack API is version 3. For example, your cloud provider may implement',
  '# Image API v1.1, Block Storage API v2, and Compute API v2.0. OS_AUTH_URL is',
  '# only for the Identity API served through keystone.',
];

function regionLines(regionName: string | null): string[] {
  return regionName ? [exportLine('OS_REGION_NAME', regionName)] : ['unset OS_REGION_NAME'];
}

/** Horizon's "OpenStack RC File (Identity API v3)": asks for the password when sourced. */
export function passwordOpenrc(c: PasswordRc): string {
  return [
    ...HEADER,
    exportLine('OS_AUTH_URL', c.authUrl),
    '# With the addition of Keystone we have standardized on the term **project**',
    '# as the entity that owns the resources.',
    exportLine('OS_PROJECT_ID', c.projectId),
    exportLine('OS_PROJECT_NAME', c.projectName),
    exportLine('OS_USER_DOMAIN_NAME', c.userDomainName),
    exportLine('OS_PROJECT_DOMAIN_ID', c.projectDomainId),
    '# unset v2.0 items in case set',
    'unset OS_TENANT_ID',
    'unset OS_TENANT_NAME',
    '# In addition to the owning entity (tenant), OpenStack stores the entity',
    '# performing the action as the **user**.',
    exportLine('OS_USERNAME', c.userName),
    '# With Keystone you pass the keystone password.',
    'echo "Please enter your OpenStack Password for project $OS_PROJECT_NAME as user $OS_USERNAME: "',
    'read -sr OS_PASSWORD_INPUT',
    'export OS_PASSWORD=$OS_PASSWORD_INPUT',
    '# If your configuration has multiple regions, we set that information here.',
    '# OS_REGION_NAME is optional and only valid in certain environments.',
    ...regionLines(c.regionName),
    'export OS_INTERFACE=public',
    'export OS_IDENTITY_API_VERSION=3',
    '',
  ].join('\n');
}

/** clouds.yaml for the same login; the password is left out, as Horizon does. */
export function passwordCloudsYaml(c: PasswordRc, cloud = 'openstack'): string {
  return [
    '# This is a clouds.yaml file, which can be used by OpenStack tools as a source',
    '# of configuration on how to connect to a cloud. If this is your only cloud,',
    '# just put this file in ~/.config/openstack/clouds.yaml and tools like',
    '# python-openstackclient will just work with no further config. (You will need',
    '# to add your password to the auth section)',
    'clouds:',
    `  ${yamlString(cloud)}:`,
    '    auth:',
    `      auth_url: ${yamlString(c.authUrl)}`,
    `      username: ${yamlString(c.userName)}`,
    `      project_id: ${yamlString(c.projectId)}`,
    `      project_name: ${yamlString(c.projectName)}`,
    `      user_domain_name: ${yamlString(c.userDomainName)}`,
    `      project_domain_id: ${yamlString(c.projectDomainId)}`,
    ...(c.regionName ? [`    region_name: ${yamlString(c.regionName)}`] : []),
    '    interface: "public"',
    '    identity_api_version: 3',
    '',
  ].join('\n');
}

/** openrc for an application credential: the secret is in the file, so no prompt. */
export function appCredentialOpenrc(c: AppCredentialRc): string {
  return [
    '#!/usr/bin/env bash',
    `# Application credential ${c.name.replace(/[\r\n]+/g, ' ')}: keep this file secret.`,
    'export OS_AUTH_TYPE=v3applicationcredential',
    exportLine('OS_AUTH_URL', c.authUrl),
    'export OS_IDENTITY_API_VERSION=3',
    ...regionLines(c.regionName),
    'export OS_INTERFACE=public',
    exportLine('OS_APPLICATION_CREDENTIAL_ID', c.id),
    exportLine('OS_APPLICATION_CREDENTIAL_SECRET', c.secret),
    'unset OS_USERNAME OS_PASSWORD OS_PROJECT_ID OS_PROJECT_NAME OS_USER_DOMAIN_NAME OS_PROJECT_DOMAIN_ID OS_TENANT_ID OS_TENANT_NAME',
    '',
  ].join('\n');
}

export function appCredentialCloudsYaml(c: AppCredentialRc, cloud = 'openstack'): string {
  return [
    '# This is a clouds.yaml file, which can be used by OpenStack tools as a source',
    '# of configuration on how to connect to a cloud. It holds a secret: keep it private.',
    'clouds:',
    `  ${yamlString(cloud)}:`,
    '    auth:',
    `      auth_url: ${yamlString(c.authUrl)}`,
    `      application_credential_id: ${yamlString(c.id)}`,
    `      application_credential_secret: ${yamlString(c.secret)}`,
    ...(c.regionName ? [`    region_name: ${yamlString(c.regionName)}`] : []),
    '    interface: "public"',
    '    identity_api_version: 3',
    '    auth_type: "v3applicationcredential"',
    '',
  ].join('\n');
}
