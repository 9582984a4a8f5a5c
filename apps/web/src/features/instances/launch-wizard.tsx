'use client';

import { useId, useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Check, TriangleAlert } from 'lucide-react';
import { Button, cn, Dialog, FormActions, FormError, FormStack, Select, Spinner, TextField, useToast } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formErrorsOf, type FormErrors } from '../forms/server-errors';
import { formatBytes } from '../images/spec';
import { describeLine, quotaImpact } from './quota-impact';

const STEPS = [
  { id: 'details', label: 'Details', fields: ['name', 'count', 'availabilityZone', 'serverGroupId'] },
  { id: 'source', label: 'Source', fields: ['imageId'] },
  { id: 'flavor', label: 'Flavor', fields: ['flavorId'] },
  { id: 'keypair', label: 'Key Pair', fields: ['keyName'] },
] as const;
const FIELDS = STEPS.flatMap((s) => s.fields as readonly string[]);
const ALIASES = { flavorRef: 'flavorId', imageRef: 'imageId', key_name: 'keyName', availability_zone: 'availabilityZone', min_count: 'count', max_count: 'count', 'os:scheduler_hints.group': 'serverGroupId' };
const NO_ERRORS: FormErrors = { fields: {}, form: undefined };

/** Launch Instance: Details → Source → Flavor (with the quota impact) → Key Pair, then one create call. */
export function LaunchInstanceDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Launch Instance" size="lg">
      {open ? <Wizard onDone={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function stepOf(field: string): number {
  const i = STEPS.findIndex((s) => (s.fields as readonly string[]).includes(field));
  return i < 0 ? 0 : i;
}

function Wizard({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const options = useQuery(trpc.compute.servers.launchOptions.queryOptions(undefined, { staleTime: 0 }));
  const create = useMutation(trpc.compute.servers.create.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.compute.servers.pathFilter()) }));
  const [step, setStep] = useState(0);
  const [name, setName] = useState('');
  const [count, setCount] = useState('1');
  const [zone, setZone] = useState('');
  const [imageId, setImageId] = useState('');
  const [flavorId, setFlavorId] = useState('');
  const [keyName, setKeyName] = useState('');
  const [serverGroupId, setServerGroupId] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const o = options.data;
  const flavor = o?.flavors.find((f) => f.id === flavorId);
  const image = o?.images.find((i) => i.id === imageId);
  const n = /^\d+$/.test(count) ? Number(count) : 0;
  const impact = useMemo(() => (o ? quotaImpact(o.quota, Math.max(n, 1), flavor) : []), [o, n, flavor]);

  function validate(upTo: number): Record<string, string> {
    const f: Record<string, string> = {};
    if (upTo >= 0) {
      if (!name.trim()) f.name = 'Enter a name';
      if (!/^\d+$/.test(count) || n < 1) f.count = 'At least 1';
      else if (n > 100) f.count = 'At most 100 at a time';
    }
    if (upTo >= 1 && !imageId) f.imageId = 'Choose an image to boot from';
    if (upTo >= 2) {
      if (!flavorId) f.flavorId = 'Choose a flavor';
      else if (flavor && image && (flavor.ramMb < image.minRam || flavor.diskGb < image.minDisk)) f.flavorId = `Too small for the image (needs ${image.minRam} MB RAM, ${image.minDisk} GB disk)`;
      else if (impact.some((l) => !l.fits)) f.flavorId = 'Exceeds the project quota: launch fewer or a smaller flavor';
    }
    return f;
  }

  function next() {
    const f = validate(step);
    if (Object.keys(f).length) {
      setErrors({ fields: f, form: undefined });
      setStep(Math.min(step, ...Object.keys(f).map(stepOf)));
      return;
    }
    setErrors(NO_ERRORS);
    setStep(step + 1);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (step < STEPS.length - 1) {
      next();
      return;
    }
    const f = validate(STEPS.length);
    if (Object.keys(f).length) {
      setErrors({ fields: f, form: undefined });
      setStep(Math.min(...Object.keys(f).map(stepOf)));
      return;
    }
    setErrors(NO_ERRORS);
    try {
      const result = await create.mutateAsync({ name, count: n, imageId, flavorId, ...(zone ? { availabilityZone: zone } : {}), ...(keyName ? { keyName } : {}), ...(serverGroupId ? { serverGroupId } : {}) });
      toast({ title: result.ids.length > 1 ? `Launching ${result.ids.length} instances ${name}` : `Launching instance ${name}` });
      onDone();
    } catch (err) {
      const fe = formErrorsOf(err, FIELDS, ALIASES);
      setErrors(fe);
      const first = Object.keys(fe.fields)[0];
      if (first) setStep(stepOf(first));
    }
  }

  if (options.isLoading) return <div className="flex justify-center p-8"><Spinner /></div>;
  if (!o) return <FormError message={options.error?.message ?? 'Could not load the launch options.'} />;

  const stepErrors = (i: number) => (STEPS[i]!.fields as readonly string[]).some((f) => errors.fields[f]);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <ol className="mb-4 flex flex-wrap gap-1 text-sm" aria-label="Steps">
        {STEPS.map((s, i) => (
          <li key={s.id}>
            <button
              type="button"
              aria-current={i === step ? 'step' : undefined}
              onClick={() => (i < step ? setStep(i) : i > step ? next() : undefined)}
              className={cn(
                'flex items-center gap-1.5 rounded-md px-2.5 py-1',
                i === step ? 'bg-primary text-primary-fg' : 'text-fg-muted hover:bg-surface-hover',
                stepErrors(i) && i !== step && 'text-danger',
              )}
            >
              <span className="inline-flex size-5 items-center justify-center rounded-full border border-current text-xs">{i < step ? <Check className="size-3" aria-hidden="true" /> : i + 1}</span>
              {s.label}
            </button>
          </li>
        ))}
      </ol>
      <FormStack>
        <FormError message={errors.form} />
        {step === 0 ? (
          <>
            <TextField label="Instance name" name="name" required autoFocus value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} maxLength={255} />
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField label="Count" name="count" inputMode="numeric" required value={count} onChange={(e) => setCount(e.target.value)} error={errors.fields.count} description={n > 1 ? `Named ${name || 'name'}-1 … ${name || 'name'}-${n}` : undefined} />
              <Select
                label="Availability zone"
                name="availabilityZone"
                placeholder="Any zone"
                options={o.zones.map((z) => ({ value: z, label: z }))}
                value={zone}
                onChange={(e) => setZone(e.target.value)}
                error={errors.fields.availabilityZone}
              />
            </div>
            <Select
              label="Server group"
              name="serverGroupId"
              placeholder="None"
              options={o.serverGroups.map((g) => ({ value: g.id, label: `${g.name} (${g.policy}, ${g.members} member${g.members === 1 ? '' : 's'})` }))}
              value={serverGroupId}
              onChange={(e) => setServerGroupId(e.target.value)}
              error={errors.fields.serverGroupId}
              description="Optional: the group's policy decides which hosts the instance may land on."
            />
          </>
        ) : null}
        {step === 1 ? (
          <Choice
            legend="Image"
            error={errors.fields.imageId}
            empty="No active image is available: upload one under Images first."
            columns={['Name', 'Format', 'Size', 'Min disk', 'Min RAM']}
            rows={o.images.map((i) => ({ id: i.id, label: i.name ?? i.id, cells: [i.name ?? i.id, i.diskFormat ?? '—', formatBytes(i.size), `${i.minDisk} GB`, `${i.minRam} MB`] }))}
            value={imageId}
            onChange={setImageId}
          />
        ) : null}
        {step === 2 ? (
          <>
            <Choice
              legend="Flavor"
              error={errors.fields.flavorId}
              empty="No flavor is available to this project."
              columns={['Name', 'vCPUs', 'RAM', 'Root disk']}
              rows={o.flavors.map((f) => ({ id: f.id, label: f.name, cells: [f.name, String(f.vcpus), `${f.ramMb} MB`, `${f.diskGb} GB`] }))}
              value={flavorId}
              onChange={setFlavorId}
            />
            <QuotaImpact lines={impact} count={Math.max(n, 1)} />
          </>
        ) : null}
        {step === 3 ? (
          <>
            <Select
              label="Key pair"
              name="keyName"
              placeholder="None (no SSH key injected)"
              options={o.keyPairs.map((k) => ({ value: k.name, label: `${k.name} (${k.fingerprint})` }))}
              value={keyName}
              onChange={(e) => setKeyName(e.target.value)}
              error={errors.fields.keyName}
              description={o.keyPairs.length ? undefined : 'You have no key pairs: create one under Key Pairs to log in over SSH.'}
            />
            <Summary name={name} count={Math.max(n, 1)} zone={zone} image={image?.name ?? imageId} flavor={flavor ? `${flavor.name} (${flavor.vcpus} vCPU, ${flavor.ramMb} MB)` : flavorId} keyName={keyName} serverGroup={o.serverGroups.find((g) => g.id === serverGroupId)?.name ?? ''} />
            <QuotaImpact lines={impact} count={Math.max(n, 1)} />
          </>
        ) : null}
        <FormActions className="pt-1">
          <Button variant="secondary" onClick={onDone} disabled={create.isPending}>Cancel</Button>
          {step > 0 ? <Button variant="secondary" onClick={() => setStep(step - 1)} disabled={create.isPending}>Back</Button> : null}
          {step < STEPS.length - 1 ? (
            <Button type="submit" variant="primary">Next</Button>
          ) : (
            <Button type="submit" variant="primary" loading={create.isPending}>Launch Instance</Button>
          )}
        </FormActions>
      </FormStack>
    </form>
  );
}

function Choice({ legend, columns, rows, value, onChange, error, empty }: {
  legend: string;
  columns: string[];
  rows: { id: string; label: string; cells: string[] }[];
  value: string;
  onChange: (id: string) => void;
  error: string | undefined;
  empty: string;
}) {
  const name = useId();
  const errId = useId();
  return (
    <fieldset aria-describedby={error ? errId : undefined}>
      <legend className="mb-2 text-sm font-medium">{legend}</legend>
      {rows.length === 0 ? <p className="text-sm text-fg-muted">{empty}</p> : null}
      {rows.length ? (
        <div className="max-h-72 overflow-auto rounded-md border border-border">
          <table className="w-full text-sm">
            <thead className="sticky top-0 bg-surface-2 text-left text-xs text-fg-muted">
              <tr>
                <th className="w-8 px-2 py-1.5"><span className="sr-only">Select</span></th>
                {columns.map((c) => <th key={c} className="px-2 py-1.5 font-medium">{c}</th>)}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className={cn('cursor-pointer border-t border-border hover:bg-surface-hover', value === r.id && 'bg-primary/10')} onClick={() => onChange(r.id)}>
                  <td className="px-2 py-1.5">
                    <input type="radio" name={name} value={r.id} aria-label={r.label} checked={value === r.id} onChange={() => onChange(r.id)} />
                  </td>
                  {r.cells.map((c, i) => <td key={i} className={cn('px-2 py-1.5', i === 0 && 'font-medium')}>{c}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {error ? <p id={errId} className="mt-1 text-sm text-danger">{error}</p> : null}
    </fieldset>
  );
}

function QuotaImpact({ lines, count }: { lines: ReturnType<typeof quotaImpact>; count: number }) {
  return (
    <section aria-label="Quota impact" className="rounded-md border border-border p-3 text-sm">
      <h3 className="mb-2 font-medium">Quota impact of {count === 1 ? 'this instance' : `these ${count} instances`}</h3>
      <ul className="flex flex-col gap-2">
        {lines.map((l) => {
          const pct = l.remaining === null || l.limit <= 0 ? 0 : Math.min(100, ((l.limit - l.remaining + l.need) / l.limit) * 100);
          const usedPct = l.remaining === null || l.limit <= 0 ? 0 : ((l.limit - l.remaining) / l.limit) * 100;
          return (
            <li key={l.resource}>
              <div className={cn('flex items-center gap-1.5', !l.fits && 'text-danger')}>
                {!l.fits ? <TriangleAlert className="size-4" aria-hidden="true" /> : null}
                <span>{describeLine(l)}</span>
              </div>
              {l.remaining !== null ? (
                <div className="relative mt-1 h-1.5 overflow-hidden rounded-full bg-surface-2" aria-hidden="true">
                  <div className={cn('absolute inset-y-0 left-0', l.fits ? 'bg-primary/40' : 'bg-danger/60')} style={{ width: `${pct}%` }} />
                  <div className="absolute inset-y-0 left-0 bg-primary" style={{ width: `${usedPct}%` }} />
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Summary(p: { name: string; count: number; zone: string; image: string; flavor: string; keyName: string; serverGroup: string }) {
  const rows: [string, string][] = [
    ['Name', p.count > 1 ? `${p.name} ×${p.count}` : p.name],
    ['Zone', p.zone || 'Any'],
    ['Image', p.image],
    ['Flavor', p.flavor],
    ['Key pair', p.keyName || 'None'],
    ['Server group', p.serverGroup || 'None'],
  ];
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 rounded-md bg-surface-2 p-3 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-fg-muted">{k}</dt>
          <dd className="min-w-0 truncate">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
