'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, FormActions, FormError, FormStack, Switch, TextField, Textarea, useToast } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formErrorsOf, type FormErrors } from '../forms/server-errors';

const FIELDS = ['name', 'id', 'vcpus', 'ramMb', 'diskGb', 'ephemeralGb', 'swapMb', 'description'] as const;
const ALIASES = { ram: 'ramMb', disk: 'diskGb', 'OS-FLV-EXT-DATA:ephemeral': 'ephemeralGb', swap: 'swapMb', 'flavor.ram': 'ramMb', 'flavor.disk': 'diskGb', 'flavor.name': 'name', 'flavor.vcpus': 'vcpus', 'flavor.id': 'id' };
const NO_ERRORS: FormErrors = { fields: {}, form: undefined };

export function FlavorDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Create Flavor" size="md">
      {open ? <FlavorForm onDone={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function FlavorForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [v, setV] = useState({ name: '', id: '', vcpus: '1', ramMb: '1024', diskGb: '10', ephemeralGb: '0', swapMb: '0', description: '' });
  const [isPublic, setPublic] = useState(true);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useMutation(trpc.compute.flavors.create.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.compute.flavors.pathFilter()) }));
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!v.name.trim()) fields.name = 'Enter a name';
    for (const [k, min] of [['vcpus', 1], ['ramMb', 1], ['diskGb', 0], ['ephemeralGb', 0], ['swapMb', 0]] as const) {
      if (!/^\d+$/.test(v[k]) || Number(v[k]) < min) fields[k] = `A whole number ≥ ${min}`;
    }
    if (Object.keys(fields).length) {
      setErrors({ fields, form: undefined });
      return;
    }
    try {
      await create.mutateAsync({
        name: v.name,
        ...(v.id.trim() ? { id: v.id.trim() } : {}),
        vcpus: Number(v.vcpus),
        ramMb: Number(v.ramMb),
        diskGb: Number(v.diskGb),
        ephemeralGb: Number(v.ephemeralGb),
        swapMb: Number(v.swapMb),
        isPublic,
        ...(v.description ? { description: v.description } : {}),
      });
      toast({ title: `Flavor ${v.name} created` });
      onDone();
    } catch (err) {
      setErrors(formErrorsOf(err, FIELDS, ALIASES, 'name'));
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <FormStack>
        <FormError message={errors.form} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Name" name="name" required autoFocus value={v.name} onChange={set('name')} error={errors.fields.name} />
          <TextField label="ID" name="id" description="Optional; a UUID is generated." value={v.id} onChange={set('id')} error={errors.fields.id} />
          <TextField label="vCPUs" name="vcpus" inputMode="numeric" required value={v.vcpus} onChange={set('vcpus')} error={errors.fields.vcpus} />
          <TextField label="RAM (MB)" name="ramMb" inputMode="numeric" required value={v.ramMb} onChange={set('ramMb')} error={errors.fields.ramMb} />
          <TextField label="Root disk (GB)" name="diskGb" inputMode="numeric" required value={v.diskGb} onChange={set('diskGb')} error={errors.fields.diskGb} />
          <TextField label="Ephemeral disk (GB)" name="ephemeralGb" inputMode="numeric" value={v.ephemeralGb} onChange={set('ephemeralGb')} error={errors.fields.ephemeralGb} />
          <TextField label="Swap (MB)" name="swapMb" inputMode="numeric" value={v.swapMb} onChange={set('swapMb')} error={errors.fields.swapMb} />
        </div>
        <Textarea label="Description" name="description" value={v.description} onChange={set('description')} error={errors.fields.description} />
        <Switch label="Public" name="isPublic" description="Private flavors are usable only by projects given access." checked={isPublic} onChange={(e) => setPublic(e.target.checked)} />
        <FormActions className="pt-1">
          <Button variant="secondary" onClick={onDone} disabled={create.isPending}>Cancel</Button>
          <Button type="submit" variant="primary" loading={create.isPending}>Create Flavor</Button>
        </FormActions>
      </FormStack>
    </form>
  );
}
