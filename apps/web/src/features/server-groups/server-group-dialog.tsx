'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, FormActions, FormError, FormStack, Select, TextField, useToast } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formErrorsOf, type FormErrors } from '../forms/server-errors';
import { POLICY_OPTIONS, type ServerGroupPolicy } from './spec';

const FIELDS = ['name', 'policy', 'maxServerPerHost'] as const;
const ALIASES = { rules: 'maxServerPerHost', 'rules.max_server_per_host': 'maxServerPerHost' };
const NO_ERRORS: FormErrors = { fields: {}, form: undefined };

export function ServerGroupDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Create Server Group" size="md">
      {open ? <ServerGroupForm onDone={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function ServerGroupForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState('');
  const [policy, setPolicy] = useState<ServerGroupPolicy>('anti-affinity');
  const [maxPerHost, setMaxPerHost] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useMutation(trpc.compute.serverGroups.create.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.compute.serverGroups.pathFilter()) }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!name.trim()) fields.name = 'Enter a name';
    else if (name.trim() !== name) fields.name = 'Remove the spaces at the start or end';
    if (policy === 'anti-affinity' && maxPerHost && (!/^\d+$/.test(maxPerHost) || Number(maxPerHost) < 1)) fields.maxServerPerHost = 'A whole number ≥ 1';
    if (Object.keys(fields).length) {
      setErrors({ fields, form: undefined });
      return;
    }
    setErrors(NO_ERRORS);
    try {
      await create.mutateAsync({ name, policy, ...(policy === 'anti-affinity' && maxPerHost ? { maxServerPerHost: Number(maxPerHost) } : {}) });
      toast({ title: `Server group ${name} created` });
      onDone();
    } catch (err) {
      setErrors(formErrorsOf(err, FIELDS, ALIASES, 'name'));
    }
  }

  const hint = POLICY_OPTIONS.find((p) => p.value === policy)?.hint;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <FormStack>
        <FormError message={errors.form} />
        <TextField label="Name" name="name" required autoFocus value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} maxLength={255} />
        <Select
          label="Policy"
          name="policy"
          required
          options={POLICY_OPTIONS.map((p) => ({ value: p.value, label: p.label }))}
          value={policy}
          onChange={(e) => setPolicy(e.target.value as ServerGroupPolicy)}
          description={hint}
          error={errors.fields.policy}
        />
        {policy === 'anti-affinity' ? (
          <TextField
            label="Members per host"
            name="maxServerPerHost"
            inputMode="numeric"
            placeholder="1"
            description="How many members one host may hold (max_server_per_host). Empty means 1."
            value={maxPerHost}
            onChange={(e) => setMaxPerHost(e.target.value)}
            error={errors.fields.maxServerPerHost}
          />
        ) : null}
        <FormActions className="pt-1">
          <Button variant="secondary" onClick={onDone} disabled={create.isPending}>Cancel</Button>
          <Button type="submit" variant="primary" loading={create.isPending}>Create Server Group</Button>
        </FormActions>
      </FormStack>
    </form>
  );
}
