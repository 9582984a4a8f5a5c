'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, FormActions, FormError, FormStack, TextField, useToast } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formErrorsOf, type FormErrors } from '../forms/server-errors';
import { EDITABLE, type EditableKey } from './spec';

const NO_ERRORS: FormErrors = { fields: {}, form: undefined };
const FIELDS = EDITABLE.map((e) => e.key);
const ALIASES = Object.fromEntries(EDITABLE.map((e) => [`quota_set.${e.key}`, e.key]));

export interface QuotaTarget {
  /** undefined = the defaults. */
  projectId?: string;
  title: string;
  limits: Record<EditableKey, number>;
}

/** Edit a project's limits (or the defaults); -1 = unlimited. Nova refuses a limit below usage. */
export function QuotaDialog({ target, onOpenChange }: { target: QuotaTarget | undefined; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={target !== undefined} onOpenChange={onOpenChange} title={target?.title ?? ''} size="md">
      {target ? <QuotaForm target={target} onDone={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function QuotaForm({ target, onDone }: { target: QuotaTarget; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(EDITABLE.map((e) => [e.key, String(target.limits[e.key])])));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const update = useMutation(trpc.compute.quotas.update.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.compute.quotas.pathFilter()) }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    for (const { key } of EDITABLE) if (!/^-?\d+$/.test(values[key] ?? '') || Number(values[key]) < -1) fields[key] = 'A whole number, or -1 for no limit';
    if (Object.keys(fields).length) {
      setErrors({ fields, form: undefined });
      return;
    }
    try {
      await update.mutateAsync({ ...(target.projectId ? { projectId: target.projectId } : {}), values: Object.fromEntries(EDITABLE.map(({ key }) => [key, Number(values[key])])) });
      toast({ title: `${target.title.replace(/^Edit /, '')} saved` });
      onDone();
    } catch (err) {
      setErrors(formErrorsOf(err, FIELDS, ALIASES));
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <FormStack>
        <FormError message={errors.form} />
        <p className="text-sm text-fg-muted">-1 means no limit.</p>
        <div className="grid gap-4 sm:grid-cols-2">
          {EDITABLE.map((f) => (
            <TextField key={f.key} label={f.label} name={f.key} inputMode="numeric" value={values[f.key] ?? ''} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })} error={errors.fields[f.key]} />
          ))}
        </div>
        <FormActions className="pt-1">
          <Button variant="secondary" onClick={onDone} disabled={update.isPending}>Cancel</Button>
          <Button type="submit" variant="primary" loading={update.isPending}>Save</Button>
        </FormActions>
      </FormStack>
    </form>
  );
}
