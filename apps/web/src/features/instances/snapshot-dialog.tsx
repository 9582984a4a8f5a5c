'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, FormActions, FormError, FormStack, TextField, useToast } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formErrorsOf, type FormErrors } from '../forms/server-errors';

const FIELDS = ['name'] as const;
const NO_ERRORS: FormErrors = { fields: {}, form: undefined };

/** Create Snapshot (Nova's createImage): the root disk becomes a private image of the project. */
export function SnapshotDialog({ server, open, onOpenChange }: { server: { id: string; name: string }; open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Create Snapshot" description={`A private image of ${server.name}'s root disk, usable to launch new instances.`} size="md">
      {open ? <SnapshotForm server={server} onDone={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function SnapshotForm({ server, onDone }: { server: { id: string; name: string }; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState(`${server.name}-snapshot`);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useMutation(
    trpc.compute.servers.createImage.mutationOptions({
      onSettled: () => Promise.all([queryClient.invalidateQueries(trpc.compute.servers.pathFilter()), queryClient.invalidateQueries(trpc.images.pathFilter())]),
    }),
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setErrors({ fields: { name: 'Enter a name' }, form: undefined });
      return;
    }
    setErrors(NO_ERRORS);
    try {
      await create.mutateAsync({ id: server.id, name: name.trim() });
      toast({ title: `Snapshot ${name.trim()} of ${server.name} requested`, description: 'It appears under Images and turns Active once uploaded.' });
      onDone();
    } catch (err) {
      setErrors(formErrorsOf(err, FIELDS, {}, 'name'));
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <FormStack>
        <FormError message={errors.form} />
        <TextField label="Snapshot name" name="name" required autoFocus value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} maxLength={255} />
        <FormActions className="pt-1">
          <Button variant="secondary" onClick={onDone} disabled={create.isPending}>Cancel</Button>
          <Button type="submit" variant="primary" loading={create.isPending}>Create Snapshot</Button>
        </FormActions>
      </FormStack>
    </form>
  );
}
