'use client';

import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Dialog, Field, FormActions, FormError, FormStack, Select, TextField, useToast } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formErrorsOf, type FormErrors } from '../forms/server-errors';
import { formatBytes } from './spec';
import { uploadImageFile } from './upload';

const FIELDS = ['name', 'file', 'diskFormat', 'containerFormat', 'visibility', 'minDisk', 'minRam'] as const;
const ALIASES = { disk_format: 'diskFormat', container_format: 'containerFormat', min_disk: 'minDisk', min_ram: 'minRam' };
const NO_ERRORS: FormErrors = { fields: {}, form: undefined };
const DISK_FORMATS = ['raw', 'qcow2', 'iso', 'vmdk', 'vdi', 'vhd', 'vhdx', 'ami', 'aki', 'ari', 'ploop'];

function guessFormat(fileName: string): string {
  const ext = fileName.split('.').at(-1)?.toLowerCase() ?? '';
  return DISK_FORMATS.includes(ext) ? ext : ext === 'img' ? 'raw' : 'raw';
}

/** Create Image: the record first, then the file streamed to the upload route with a progress bar. */
export function UploadImageDialog({ open, onOpenChange, csrf, canPublicize }: { open: boolean; onOpenChange: (open: boolean) => void; csrf: string; canPublicize: boolean }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Create Image" size="md">
      {open ? <UploadForm csrf={csrf} canPublicize={canPublicize} onDone={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function UploadForm({ csrf, canPublicize, onDone }: { csrf: string; canPublicize: boolean; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const formId = useId();
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [diskFormat, setDiskFormat] = useState('raw');
  const [visibility, setVisibility] = useState('private');
  const [minDisk, setMinDisk] = useState('0');
  const [minRam, setMinRam] = useState('0');
  const [isProtected, setProtected] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const abort = useRef<AbortController | null>(null);
  const invalidate = () => queryClient.invalidateQueries(trpc.images.pathFilter());
  const create = useMutation(trpc.images.create.mutationOptions({ onSuccess: invalidate }));
  const busy = create.isPending || progress !== null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!name.trim()) fields.name = 'Enter a name';
    if (!file) fields.file = 'Choose an image file';
    if (!/^\d+$/.test(minDisk)) fields.minDisk = 'A whole number of GB';
    if (!/^\d+$/.test(minRam)) fields.minRam = 'A whole number of MB';
    if (Object.keys(fields).length || !file) {
      setErrors({ fields, form: undefined });
      return;
    }
    setErrors(NO_ERRORS);
    let id: string;
    try {
      ({ id } = await create.mutateAsync({ name, diskFormat, containerFormat: 'bare', visibility: visibility as 'private', minDisk: Number(minDisk), minRam: Number(minRam), protected: isProtected }));
    } catch (err) {
      setErrors(formErrorsOf(err, FIELDS, ALIASES, 'name'));
      return;
    }
    abort.current = new AbortController();
    setProgress({ loaded: 0, total: file.size });
    try {
      await uploadImageFile(id, file, csrf, (loaded, total) => setProgress({ loaded, total }), abort.current.signal);
      toast({ title: `Image ${name} uploaded` });
      onDone();
    } catch (err) {
      setErrors({ fields: {}, form: `The image record was created but its data was not stored: ${(err as Error).message}` });
    } finally {
      setProgress(null);
      abort.current = null;
      void invalidate();
    }
  }

  const pct = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  return (
    <form id={formId} onSubmit={(e) => void submit(e)} noValidate>
      <FormStack>
        <FormError message={errors.form} />
        <TextField label="Image name" name="name" required autoFocus value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} maxLength={255} disabled={busy} />
        <Field label="Image file" required error={errors.fields.file} description={file ? `${file.name}, ${formatBytes(file.size)}` : 'Streamed to the image store; any size.'}>
          {(control) => (
          <input
            {...control}
            name="file"
            type="file"
            disabled={busy}
            className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-border file:bg-surface-2 file:px-3 file:py-1.5 file:text-sm"
            onChange={(e) => {
              const f = e.target.files?.[0] ?? null;
              setFile(f);
              if (f) {
                setDiskFormat(guessFormat(f.name));
                if (!name) setName(f.name.replace(/\.[^.]+$/, ''));
              }
            }}
          />
          )}
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Select label="Disk format" name="diskFormat" options={DISK_FORMATS.map((f) => ({ value: f, label: f }))} value={diskFormat} onChange={(e) => setDiskFormat(e.target.value)} error={errors.fields.diskFormat} disabled={busy} />
          <Select
            label="Visibility"
            name="visibility"
            options={[
              { value: 'private', label: 'Private (this project)' },
              { value: 'shared', label: 'Shared (with members)' },
              { value: 'community', label: 'Community' },
              ...(canPublicize ? [{ value: 'public', label: 'Public' }] : []),
            ]}
            value={visibility}
            onChange={(e) => setVisibility(e.target.value)}
            error={errors.fields.visibility}
            disabled={busy}
          />
          <TextField label="Minimum disk (GB)" name="minDisk" inputMode="numeric" value={minDisk} onChange={(e) => setMinDisk(e.target.value)} error={errors.fields.minDisk} disabled={busy} />
          <TextField label="Minimum RAM (MB)" name="minRam" inputMode="numeric" value={minRam} onChange={(e) => setMinRam(e.target.value)} error={errors.fields.minRam} disabled={busy} />
        </div>
        <Checkbox label="Protected (cannot be deleted)" name="protected" checked={isProtected} onChange={(e) => setProtected(e.target.checked)} disabled={busy} />
        {progress ? (
          <div className="flex flex-col gap-1">
            <div className="flex justify-between text-xs text-fg-muted">
              <span>Uploading…</span>
              <span>
                {formatBytes(progress.loaded)} of {formatBytes(progress.total)} ({pct}%)
              </span>
            </div>
            <div role="progressbar" aria-label="Upload progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 overflow-hidden rounded-full bg-surface-2">
              <div className="h-full rounded-full bg-primary transition-[width]" style={{ width: `${pct}%` }} />
            </div>
          </div>
        ) : null}
        <FormActions className="pt-1">
          <Button variant="secondary" onClick={() => (abort.current ? abort.current.abort() : onDone())}>Cancel</Button>
          <Button type="submit" variant="primary" loading={busy}>Create Image</Button>
        </FormActions>
      </FormStack>
    </form>
  );
}
