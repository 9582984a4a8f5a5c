'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, FormActions, FormError, FormSection, FormStack, PasswordField, Select, Switch, TextField, Textarea, useToast } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formErrorsOf, type FormErrors } from '../forms/server-errors';

export interface EditableUser {
  id: string;
  name: string;
  email: string | null;
  description: string;
  enabled: boolean;
  defaultProject: { id: string; name: string } | null;
}

const FIELDS = ['name', 'email', 'description', 'password', 'confirm', 'projectId', 'roleId', 'enabled'] as const;
const ALIASES = { default_project_id: 'projectId', email: 'email' };
const NO_ERRORS: FormErrors = { fields: {}, form: undefined };

/** Create a user (with a role on a primary project, like Horizon) or edit one. */
export function UserFormDialog({ open, onOpenChange, user, canGrant }: { open: boolean; onOpenChange: (open: boolean) => void; user?: EditableUser | undefined; canGrant: boolean }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={user ? `Edit User ${user.name}` : 'Create User'} size="md">
      {open ? <UserForm user={user} canGrant={canGrant} onDone={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function UserForm({ user, canGrant, onDone }: { user?: EditableUser | undefined; canGrant: boolean; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [description, setDescription] = useState(user?.description ?? '');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [projectId, setProjectId] = useState(user?.defaultProject?.id ?? '');
  const [roleId, setRoleId] = useState('');
  const [enabled, setEnabled] = useState(user?.enabled ?? true);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const lookups = useQuery(trpc.identity.lookups.queryOptions({ projects: true, roles: !user && canGrant }));
  // Default the role to `member` once the roles arrive, as most new users are project members.
  const memberId = lookups.data?.roles.find((r) => r.name === 'member')?.id ?? '';
  const role = roleId || (projectId ? memberId : '');
  const invalidate = () => queryClient.invalidateQueries(trpc.identity.users.pathFilter());
  const create = useMutation(trpc.identity.users.create.mutationOptions({ onSuccess: invalidate }));
  const update = useMutation(trpc.identity.users.update.mutationOptions({ onSuccess: invalidate }));
  const busy = create.isPending || update.isPending;

  function localErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (!name.trim()) out.name = 'Enter a name';
    if (!user && password !== confirm) out.confirm = 'Passwords do not match';
    if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) out.email = 'Enter an email address like name@example.org';
    return out;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local = localErrors();
    if (Object.keys(local).length) {
      setErrors({ fields: local, form: undefined });
      return;
    }
    setErrors(NO_ERRORS);
    try {
      if (user) {
        await update.mutateAsync({ id: user.id, name, email, description, projectId, enabled });
        toast({ title: `User ${name} updated` });
      } else {
        await create.mutateAsync({ name, email, description, password, confirm, projectId, roleId: role, enabled });
        toast({ title: `User ${name} created` });
      }
      onDone();
    } catch (err) {
      setErrors(formErrorsOf(err, FIELDS, ALIASES, 'name'));
    }
  }

  const projectOptions = (lookups.data?.projects ?? []).map((p) => ({ value: p.id, label: p.name }));
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <FormStack>
        <FormError message={errors.form} />
        <TextField label="User Name" name="name" required autoFocus autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} maxLength={255} />
        <TextField label="Email" name="email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.fields.email} />
        <Textarea label="Description" name="description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} error={errors.fields.description} />
        {user ? null : (
          <>
            <PasswordField label="Password" name="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.fields.password} description="Leave empty for a user that signs in only with application credentials." />
            <PasswordField label="Confirm Password" name="confirm" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} error={errors.fields.confirm} />
          </>
        )}
        <FormSection title={user ? 'Default project' : 'Primary project'} description={user ? undefined : 'The project the user signs in to first, and the role they get on it.'}>
          <Select
            label={user ? 'Default project' : 'Primary Project'}
            name="projectId"
            placeholder={lookups.isLoading ? 'Loading projects…' : 'None'}
            options={projectOptions}
            value={projectId}
            onChange={(e) => setProjectId(e.target.value)}
            error={errors.fields.projectId}
          />
          {!user && canGrant ? (
            <Select
              label="Role"
              name="roleId"
              disabled={!projectId}
              placeholder="No role"
              options={(lookups.data?.roles ?? []).map((r) => ({ value: r.id, label: r.name }))}
              value={role}
              onChange={(e) => setRoleId(e.target.value)}
              error={errors.fields.roleId}
            />
          ) : null}
        </FormSection>
        <Switch label="Enabled" name="enabled" description="A disabled user cannot sign in; their tokens stop working." checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        <FormActions className="pt-1">
          <Button variant="secondary" onClick={onDone} disabled={busy}>Cancel</Button>
          <Button type="submit" variant="primary" loading={busy}>{user ? 'Save' : 'Create User'}</Button>
        </FormActions>
      </FormStack>
    </form>
  );
}
