import type { Metadata } from 'next';
import { Download } from 'lucide-react';
import { buttonClasses } from '@nimbus/ui';
import { PageHeader } from '@/components/shell/page-header';
import { runtime } from '@/server/runtime';
import { EndpointsTable } from '@/features/api-access/endpoints-table';
import { endpointRows, sessionCatalog } from '@/features/api-access/session-rc';
import { requireSession } from '@/features/server-page';

export const metadata: Metadata = { title: 'API Access' };

export default async function ApiAccessPage() {
  const session = await requireSession();
  const rows = endpointRows(await sessionCatalog(runtime().db, session));
  return (
    <>
      <PageHeader
        title="API Access"
        description={`Public endpoints of the services for project ${session.auth.projectName ?? ''}. The RC file and clouds.yaml set up the openstack client as ${session.auth.userName}.`}
        actions={
          <>
            {/* Plain links: the browser downloads with the session cookie, no script needed. */}
            <a href="/project/api-access/clouds-yaml" download className={buttonClasses('secondary')}>
              <Download aria-hidden="true" className="size-4" />
              Download clouds.yaml
            </a>
            <a href="/project/api-access/openrc" download className={buttonClasses('primary')}>
              <Download aria-hidden="true" className="size-4" />
              Download OpenStack RC File
            </a>
          </>
        }
      />
      <EndpointsTable rows={rows} />
    </>
  );
}
