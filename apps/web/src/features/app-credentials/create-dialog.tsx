'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Dialog, FormActions, FormError, FormSection, FormStack, PasswordField, TextField, Textarea } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formErrorsOf, type FormErrors } from '../forms/server-errors';
import type { CreatedCredential } from './created-dialog';
import { expiryToIso } from './spec';

const FIELDS = ['name', 'description', 'secret', 'expiresAt', 'roleIds', 'unrestricted'] as const;
const ALIASES = { expires_at: 'expiresAt', roles: 'roleIds' };

export interface CreateCredentialProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  project: { id: string; name: string };
  roles: { id: string; name: string }[];
  onCreated: (created: CreatedCredential) => void;
}

export function CreateCredentialDialog({ open, onOpenChange, ...props }: CreateCredentialProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Create Application Credential" description={`For project ${props.project.name}, with your roles there.`}>
      {open ? <CreateForm {...props} onCancel={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function CreateForm({ roles, onCreated, onCancel }: Omit<CreateCredentialProps, 'open' | 'onOpenChange'> & { onCancel: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [secret, setSecret] = useState('');
  const [expires, setExpires] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [unrestricted, setUnrestricted] = useState(false);
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, form: undefined });
  const create = useMutation(trpc.identity.appCredentials.create.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.identity.appCredentials.pathFilter()) }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setErrors({ fields: { name: 'Enter a name' }, form: undefined });
    const expiresAt = expiryToIso(expires);
    if (expiresAt && new Date(expiresAt).getTime() <= Date.now()) return setErrors({ fields: { expiresAt: 'Choose a time in the future' }, form: undefined });
    try {
      onCreated(await create.mutateAsync({ name, description, secret, expiresAt, roleIds: picked, unrestricted }));
    } catch (err) {
      setErrors(formErrorsOf(err, FIELDS, ALIASES, 'name'));
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <FormStack>
        <FormError message={errors.form} />
        <TextField label="Name" name="name" required autoFocus value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} maxLength={255} />
        <Textarea label="Description" name="description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} error={errors.fields.description} />
        <PasswordField label="Secret" name="secret" autoComplete="new-password" description="Leave empty to have a strong secret generated." value={secret} onChange={(e) => setSecret(e.target.value)} error={errors.fields.secret} />
        <TextField label="Expiration" name="expiresAt" type="datetime-local" description="Your local time. Leave empty for a credential that never expires." value={expires} onChange={(e) => setExpires(e.target.value)} error={errors.fields.expiresAt} />
        <FormSection title="Roles" description="Tick the roles the credential may use. None ticked: all of your roles on this project.">
          {roles.map((r) => (
            <Checkbox
              key={r.id}
              label={r.name}
              name="roleIds"
              value={r.id}
              checked={picked.includes(r.id)}
              onChange={(e) => setPicked((list) => (e.target.checked ? [...list, r.id] : list.filter((id) => id !== r.id)))}
            />
          ))}
          {errors.fields.roleIds ? <p className="text-[0.8125rem] text-danger">{errors.fields.roleIds}</p> : null}
        </FormSection>
        <Checkbox
          label="Unrestricted"
          name="unrestricted"
          description="Lets the credential create and delete other application credentials and trusts. Dangerous if it leaks."
          checked={unrestricted}
          onChange={(e) => setUnrestricted(e.target.checked)}
        />
        <FormActions className="pt-1">
          <Button variant="secondary" onClick={onCancel} disabled={create.isPending}>Cancel</Button>
          <Button type="submit" variant="primary" loading={create.isPending}>Create Application Credential</Button>
        </FormActions>
      </FormStack>
    </form>
  );
}
