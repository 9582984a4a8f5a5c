'use client';

import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, FormActions, FormError, FormStack, Select, useToast } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formErrorsOf, type FormErrors } from '../forms/server-errors';

const FIELDS = ['actorType', 'actorId', 'roleId'] as const;

/** "Add Role Assignment": one role for one user or group on this project. */
export function AssignmentDialog({ open, onOpenChange, projectId, projectName }: { open: boolean; onOpenChange: (open: boolean) => void; projectId: string; projectName: string }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Add Role Assignment" description={`Grant a role on project ${projectName}.`}>
      {open ? <AssignmentForm projectId={projectId} projectName={projectName} onDone={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function AssignmentForm({ projectId, projectName, onDone }: { projectId: string; projectName: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const formId = useId();
  const [actorType, setActorType] = useState<'user' | 'group'>('user');
  const [actorId, setActorId] = useState('');
  const [roleId, setRoleId] = useState('');
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, form: undefined });
  const lookups = useQuery(trpc.identity.lookups.queryOptions({ users: true, groups: true, roles: true }));
  const grant = useMutation(
    trpc.identity.projects.grant.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.identity.projects.assignments.pathFilter()) }),
  );
  const actors = (actorType === 'user' ? lookups.data?.users : lookups.data?.groups) ?? [];
  const loading = lookups.isLoading ? 'Loading…' : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!actorId) missing.actorId = `Choose a ${actorType}`;
    if (!roleId) missing.roleId = 'Choose a role';
    if (Object.keys(missing).length) {
      setErrors({ fields: missing, form: undefined });
      return;
    }
    try {
      await grant.mutateAsync({ projectId, actorType, actorId, roleId });
      const actor = actors.find((a) => a.id === actorId)?.name ?? actorId;
      const role = lookups.data?.roles.find((r) => r.id === roleId)?.name ?? roleId;
      toast({ title: `Granted ${role} to ${actor}`, description: `On project ${projectName}.` });
      onDone();
    } catch (err) {
      setErrors(formErrorsOf(err, FIELDS));
    }
  }

  return (
    <form id={formId} onSubmit={(e) => void submit(e)} noValidate>
      <FormStack>
        <FormError message={errors.form ?? (lookups.error ? lookups.error.message : undefined)} />
        <Select
          label="Assign to"
          name="actorType"
          options={[
            { value: 'user', label: 'User' },
            { value: 'group', label: 'Group' },
          ]}
          value={actorType}
          onChange={(e) => {
            setActorType(e.target.value === 'group' ? 'group' : 'user');
            setActorId('');
          }}
        />
        <Select
          label={actorType === 'user' ? 'User' : 'Group'}
          name="actorId"
          required
          placeholder={loading ?? `Choose a ${actorType}`}
          options={actors.map((a) => ({ value: a.id, label: a.name }))}
          value={actorId}
          onChange={(e) => setActorId(e.target.value)}
          error={errors.fields.actorId}
        />
        <Select
          label="Role"
          name="roleId"
          required
          placeholder={loading ?? 'Choose a role'}
          options={(lookups.data?.roles ?? []).map((r) => ({ value: r.id, label: r.name }))}
          value={roleId}
          onChange={(e) => setRoleId(e.target.value)}
          error={errors.fields.roleId}
        />
        <FormActions className="pt-1">
          <Button variant="secondary" onClick={onDone} disabled={grant.isPending}>Cancel</Button>
          <Button type="submit" variant="primary" loading={grant.isPending}>Add Role Assignment</Button>
        </FormActions>
      </FormStack>
    </form>
  );
}
