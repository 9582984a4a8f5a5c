'use client';

import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Button, Dialog, FormActions, FormError, FormStack, PasswordField, useToast } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formErrorsOf, type FormErrors } from '../forms/server-errors';

/** An administrator sets a user's password; the user's tokens are revoked. */
export function PasswordDialog({ user, onClose }: { user: { id: string; name: string } | undefined; onClose: () => void }) {
  return (
    <Dialog
      open={user !== undefined}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title={`Change Password: ${user?.name ?? ''}`}
      description="The user is signed out everywhere: every token they hold stops working."
      size="sm"
    >
      {user ? <PasswordForm user={user} onDone={onClose} /> : null}
    </Dialog>
  );
}

function PasswordForm({ user, onDone }: { user: { id: string; name: string }; onDone: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, form: undefined });
  const setPasswordMutation = useMutation(trpc.identity.users.setPassword.mutationOptions());

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!password) return setErrors({ fields: { password: 'Enter a password' }, form: undefined });
    if (password !== confirm) return setErrors({ fields: { confirm: 'Passwords do not match' }, form: undefined });
    try {
      await setPasswordMutation.mutateAsync({ id: user.id, password, confirm });
      toast({ title: `Password of ${user.name} changed` });
      onDone();
    } catch (err) {
      setErrors(formErrorsOf(err, ['password', 'confirm']));
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <FormStack>
        <FormError message={errors.form} />
        <PasswordField label="New Password" name="password" required autoFocus autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.fields.password} />
        <PasswordField label="Confirm Password" name="confirm" required autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} error={errors.fields.confirm} />
        <FormActions className="pt-1">
          <Button variant="secondary" onClick={onDone} disabled={setPasswordMutation.isPending}>Cancel</Button>
          <Button type="submit" variant="primary" loading={setPasswordMutation.isPending}>Change Password</Button>
        </FormActions>
      </FormStack>
    </form>
  );
}
