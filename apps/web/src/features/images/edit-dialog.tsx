'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Dialog, FormActions, FormError, FormStack, Select, TextField, useToast } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formErrorsOf, type FormErrors } from '../forms/server-errors';

export interface EditableImage {
  id: string;
  name: string | null;
  visibility: string;
  protected: boolean;
  minDisk: number;
  minRam: number;
}

const FIELDS = ['name', 'visibility', 'protected', 'minDisk', 'minRam'] as const;
const NO_ERRORS: FormErrors = { fields: {}, form: undefined };

/** Edit Image: name, visibility, protected, minimums; sent as one JSON patch. */
export function EditImageDialog({ image, onOpenChange, canPublicize }: { image: EditableImage | undefined; onOpenChange: (open: boolean) => void; canPublicize: boolean }) {
  return (
    <Dialog open={image !== undefined} onOpenChange={onOpenChange} title={`Edit Image ${image?.name ?? ''}`} size="md">
      {image ? <EditForm image={image} canPublicize={canPublicize} onDone={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function EditForm({ image, canPublicize, onDone }: { image: EditableImage; canPublicize: boolean; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState(image.name ?? '');
  const [visibility, setVisibility] = useState(image.visibility);
  const [isProtected, setProtected] = useState(image.protected);
  const [minDisk, setMinDisk] = useState(String(image.minDisk));
  const [minRam, setMinRam] = useState(String(image.minRam));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const update = useMutation(trpc.images.update.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.images.pathFilter()) }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!name.trim()) fields.name = 'Enter a name';
    if (!/^\d+$/.test(minDisk)) fields.minDisk = 'A whole number of GB';
    if (!/^\d+$/.test(minRam)) fields.minRam = 'A whole number of MB';
    if (Object.keys(fields).length) {
      setErrors({ fields, form: undefined });
      return;
    }
    try {
      await update.mutateAsync({ id: image.id, name, visibility: visibility as 'private', protected: isProtected, minDisk: Number(minDisk), minRam: Number(minRam) });
      toast({ title: `Image ${name} updated` });
      onDone();
    } catch (err) {
      setErrors(formErrorsOf(err, FIELDS, { min_disk: 'minDisk', min_ram: 'minRam', 'patch.0.value': 'name' }));
    }
  }

  const options = [
    { value: 'private', label: 'Private (this project)' },
    { value: 'shared', label: 'Shared (with members)' },
    { value: 'community', label: 'Community' },
    ...(canPublicize || image.visibility === 'public' ? [{ value: 'public', label: 'Public' }] : []),
  ];
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <FormStack>
        <FormError message={errors.form} />
        <TextField label="Image name" name="name" required autoFocus value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} maxLength={255} />
        <Select label="Visibility" name="visibility" options={options} value={visibility} onChange={(e) => setVisibility(e.target.value)} error={errors.fields.visibility} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Minimum disk (GB)" name="minDisk" inputMode="numeric" value={minDisk} onChange={(e) => setMinDisk(e.target.value)} error={errors.fields.minDisk} />
          <TextField label="Minimum RAM (MB)" name="minRam" inputMode="numeric" value={minRam} onChange={(e) => setMinRam(e.target.value)} error={errors.fields.minRam} />
        </div>
        <Checkbox label="Protected (cannot be deleted)" name="protected" checked={isProtected} onChange={(e) => setProtected(e.target.checked)} />
        <FormActions className="pt-1">
          <Button variant="secondary" onClick={onDone} disabled={update.isPending}>Cancel</Button>
          <Button type="submit" variant="primary" loading={update.isPending}>Save</Button>
        </FormActions>
      </FormStack>
    </form>
  );
}
