'use client';

import { TriangleAlert, Download } from 'lucide-react';
import { Button, CopyButton, DescriptionList, Dialog } from '@nimbus/ui';
import type { RouterOutputs } from '../router-types';

export type CreatedCredential = RouterOutputs['identity']['appCredentials']['create'];

function download(file: { name: string; text: string }) {
  const url = URL.createObjectURL(new Blob([file.text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The one time the secret is shown: copy it or download it as an openrc / clouds.yaml now. */
export function CreatedCredentialDialog({ created, onClose }: { created: CreatedCredential | undefined; onClose: () => void }) {
  return (
    <Dialog
      open={created !== undefined}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title={`Application Credential ${created?.name ?? ''} created`}
      size="lg"
      footer={<Button variant="primary" onClick={onClose}>Close</Button>}
    >
      {created ? (
        <div className="flex flex-col gap-4">
          <p role="alert" className="flex gap-2 rounded-md border border-status-warning/30 bg-status-warning-bg p-3 text-sm text-status-warning">
            <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
            The secret is shown only now. Copy it or download a file before you close this dialog: it cannot be retrieved later.
          </p>
          <DescriptionList
            items={[
              { label: 'Name', value: created.name },
              {
                label: 'ID',
                value: (
                  <span className="flex flex-wrap items-center gap-2">
                    <code className="break-all font-mono text-xs">{created.id}</code>
                    <CopyButton value={created.id} label="ID" />
                  </span>
                ),
              },
              {
                label: 'Secret',
                value: (
                  <span className="flex flex-wrap items-center gap-2">
                    <code className="break-all font-mono text-xs" aria-label="Secret">{created.secret}</code>
                    <CopyButton value={created.secret} label="secret" />
                  </span>
                ),
              },
              { label: 'Roles', value: created.roles.join(', ') || '—' },
            ]}
          />
          <div className="flex flex-wrap gap-2">
            <Button icon={<Download className="size-4" />} onClick={() => download(created.files.openrc)}>Download openrc file</Button>
            <Button icon={<Download className="size-4" />} onClick={() => download(created.files.cloudsYaml)}>Download clouds.yaml</Button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
