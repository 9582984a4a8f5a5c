'use client';

import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Download, TriangleAlert } from 'lucide-react';
import { Button, CopyButton, Dialog, FormActions, FormError, FormStack, TextField, Textarea, useToast } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formErrorsOf, type FormErrors } from '../forms/server-errors';
import { downloadText } from './download';

const FIELDS = ['name', 'publicKey'] as const;
const NO_ERRORS: FormErrors = { fields: {}, form: undefined };

export type KeyPairMode = 'create' | 'import';

/** Create (nimbus generates the key; the private key is offered once) or import a public key. */
export function KeyPairDialog({ mode, onOpenChange }: { mode: KeyPairMode | undefined; onOpenChange: (open: boolean) => void }) {
  const [created, setCreated] = useState<{ name: string; privateKey: string } | undefined>();
  const close = () => {
    setCreated(undefined);
    onOpenChange(false);
  };
  return (
    <Dialog
      open={mode !== undefined}
      onOpenChange={(open) => {
        if (!open) close();
      }}
      title={created ? `Key Pair ${created.name} created` : mode === 'import' ? 'Import Public Key' : 'Create Key Pair'}
      size="md"
    >
      {created ? (
        <PrivateKey created={created} onClose={close} />
      ) : mode ? (
        <KeyPairForm mode={mode} onCreated={(c) => (c.privateKey ? setCreated({ name: c.name, privateKey: c.privateKey }) : close())} onCancel={close} />
      ) : null}
    </Dialog>
  );
}

function PrivateKey({ created, onClose }: { created: { name: string; privateKey: string }; onClose: () => void }) {
  const file = `${created.name.replace(/\s+/g, '_')}.pem`;
  return (
    <div className="flex flex-col gap-4">
      <p role="alert" className="flex gap-2 rounded-md border border-status-warning/30 bg-status-warning-bg p-3 text-sm text-status-warning">
        <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        The private key is shown only now and is not stored. Download it before you close this dialog.
      </p>
      <pre aria-label="Private key" className="max-h-48 overflow-auto rounded-md border border-border bg-surface-2 p-3 font-mono text-xs">{created.privateKey}</pre>
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" icon={<Download className="size-4" />} onClick={() => downloadText(file, created.privateKey)}>
          Download {file}
        </Button>
        <CopyButton value={created.privateKey} label="private key" />
      </div>
      <FormActions>
        <Button variant="secondary" onClick={onClose}>Close</Button>
      </FormActions>
    </div>
  );
}

function KeyPairForm({ mode, onCreated, onCancel }: { mode: KeyPairMode; onCreated: (c: { name: string; privateKey: string | null }) => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const formId = useId();
  const [name, setName] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useMutation(trpc.compute.keyPairs.create.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.compute.keyPairs.pathFilter()) }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!name.trim()) fields.name = 'Enter a name';
    else if (!/^[a-zA-Z0-9_\- ]+$/.test(name)) fields.name = 'Use letters, digits, spaces, - and _ only';
    if (mode === 'import' && !publicKey.trim()) fields.publicKey = 'Paste an OpenSSH public key';
    if (Object.keys(fields).length) {
      setErrors({ fields, form: undefined });
      return;
    }
    setErrors(NO_ERRORS);
    try {
      const result = await create.mutateAsync({ name, ...(mode === 'import' ? { publicKey } : {}) });
      toast({ title: `Key pair ${result.name} ${mode === 'import' ? 'imported' : 'created'}` });
      onCreated(result);
    } catch (err) {
      setErrors(formErrorsOf(err, FIELDS, { public_key: 'publicKey', 'keypair.public_key': 'publicKey', 'keypair.name': 'name' }, 'name'));
    }
  }

  return (
    <form id={formId} onSubmit={(e) => void submit(e)} noValidate>
      <FormStack>
        <FormError message={errors.form} />
        <TextField label="Key pair name" name="name" required autoFocus value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} maxLength={255} />
        {mode === 'import' ? (
          <Textarea
            label="Public key"
            name="publicKey"
            description="An OpenSSH public key: ssh-ed25519 AAAA… or ssh-rsa AAAA…"
            rows={5}
            value={publicKey}
            onChange={(e) => setPublicKey(e.target.value)}
            error={errors.fields.publicKey}
          />
        ) : (
          <p className="text-sm text-fg-muted">nimbus generates an ed25519 key pair. You download the private key once, right after it is created.</p>
        )}
        <FormActions className="pt-1">
          <Button variant="secondary" onClick={onCancel} disabled={create.isPending}>Cancel</Button>
          <Button type="submit" variant="primary" loading={create.isPending}>{mode === 'import' ? 'Import Key Pair' : 'Create Key Pair'}</Button>
        </FormActions>
      </FormStack>
    </form>
  );
}
