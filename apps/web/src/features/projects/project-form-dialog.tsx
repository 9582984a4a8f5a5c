'use client';

import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, FormActions, FormError, FormStack, Select, Switch, TextField, Textarea, useToast } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formErrorsOf, type FormErrors } from '../forms/server-errors';

export interface EditableProject {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
}

const FIELDS = ['name', 'description', 'parentId', 'enabled'] as const;
const NO_ERRORS: FormErrors = { fields: {}, form: undefined };

/** Create (project undefined) or edit a project. Errors from the server land under their field. */
export function ProjectFormDialog({
  open, onOpenChange, project, isCurrent = false,
}: { open: boolean; onOpenChange: (open: boolean) => void; project?: EditableProject | undefined; isCurrent?: boolean }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={project ? `Edit Project ${project.name}` : 'Create Project'} size="md">
      {open ? <ProjectForm project={project} isCurrent={isCurrent} onDone={() => onOpenChange(false)} onCancel={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function ProjectForm({ project, isCurrent, onDone, onCancel }: { project?: EditableProject | undefined; isCurrent: boolean; onDone: () => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const formId = useId();
  const [name, setName] = useState(project?.name ?? '');
  const [description, setDescription] = useState(project?.description ?? '');
  const [enabled, setEnabled] = useState(project?.enabled ?? true);
  const [parentId, setParentId] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const parents = useQuery({ ...trpc.identity.lookups.queryOptions({ projects: true }), enabled: !project });
  const invalidate = () => queryClient.invalidateQueries(trpc.identity.projects.pathFilter());
  const create = useMutation(trpc.identity.projects.create.mutationOptions({ onSuccess: invalidate }));
  const update = useMutation(trpc.identity.projects.update.mutationOptions({ onSuccess: invalidate }));
  const busy = create.isPending || update.isPending;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setErrors({ fields: { name: 'Enter a name' }, form: undefined });
      return;
    }
    setErrors(NO_ERRORS);
    try {
      if (project) {
        await update.mutateAsync({ id: project.id, name, description, enabled });
        toast({ title: `Project ${name} updated` });
      } else {
        await create.mutateAsync({ name, description, enabled, ...(parentId ? { parentId } : {}) });
        toast({ title: `Project ${name} created` });
      }
      onDone();
    } catch (err) {
      setErrors(formErrorsOf(err, FIELDS, { parent_id: 'parentId' }, 'name'));
    }
  }

  return (
    <form id={formId} onSubmit={(e) => void submit(e)} noValidate>
      <FormStack>
        <FormError message={errors.form} />
        <TextField label="Name" name="name" required autoFocus value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} maxLength={255} />
        <Textarea label="Description" name="description" value={description} onChange={(e) => setDescription(e.target.value)} error={errors.fields.description} />
        {project ? null : (
          <Select
            label="Parent project"
            name="parentId"
            description="Optional. Without one, the project sits directly in its domain."
            placeholder={parents.isLoading ? 'Loading projects…' : 'None (top level)'}
            options={(parents.data?.projects ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={parentId}
            onChange={(e) => setParentId(e.target.value)}
            error={errors.fields.parentId}
          />
        )}
        <Switch
          label="Enabled"
          name="enabled"
          description={isCurrent && enabled ? 'You are signed in to this project: switch to another project to disable it.' : 'A disabled project accepts no tokens.'}
          disabled={isCurrent && enabled}
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
          error={errors.fields.enabled}
        />
        <FormActions className="pt-1">
          <Button variant="secondary" onClick={onCancel} disabled={busy}>Cancel</Button>
          <Button type="submit" variant="primary" loading={busy}>{project ? 'Save' : 'Create Project'}</Button>
        </FormActions>
      </FormStack>
    </form>
  );
}
