'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, FormActions, FormError, FormStack, TextField, Textarea, useToast } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formErrorsOf, type FormErrors } from '../forms/server-errors';

export interface EditableGroup {
  id: string;
  name: string;
  description: string;
}

export function GroupFormDialog({ open, onOpenChange, group }: { open: boolean; onOpenChange: (open: boolean) => void; group?: EditableGroup | undefined }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={group ? `Edit Group ${group.name}` : 'Create Group'} size="sm">
      {open ? <GroupForm group={group} onDone={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function GroupForm({ group, onDone }: { group?: EditableGroup | undefined; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState(group?.name ?? '');
  const [description, setDescription] = useState(group?.description ?? '');
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, form: undefined });
  const save = useMutation(trpc.identity.groups.save.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.identity.groups.pathFilter()) }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setErrors({ fields: { name: 'Enter a name' }, form: undefined });
    try {
      await save.mutateAsync({ ...(group ? { id: group.id } : {}), name, description });
      toast({ title: group ? `Group ${name} updated` : `Group ${name} created` });
      onDone();
    } catch (err) {
      setErrors(formErrorsOf(err, ['name', 'description'], {}, 'name'));
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <FormStack>
        <FormError message={errors.form} />
        <TextField label="Name" name="name" required autoFocus value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} maxLength={255} />
        <Textarea label="Description" name="description" value={description} onChange={(e) => setDescription(e.target.value)} error={errors.fields.description} />
        <FormActions className="pt-1">
          <Button variant="secondary" onClick={onDone} disabled={save.isPending}>Cancel</Button>
          <Button type="submit" variant="primary" loading={save.isPending}>{group ? 'Save' : 'Create Group'}</Button>
        </FormActions>
      </FormStack>
    </form>
  );
}
