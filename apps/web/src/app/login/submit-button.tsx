'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from '@nimbus/ui';

/**
 * The login form is a plain HTML post (works without JS); this only adds the busy state once the
 * browser starts submitting, and resets it when the page is restored from the back/forward cache.
 */
export function SubmitButton({ children, busyLabel }: { children: ReactNode; busyLabel: string }) {
  const ref = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const form = ref.current?.form;
    if (!form) return;
    const onSubmit = () => setBusy(true);
    const onShow = () => setBusy(false);
    form.addEventListener('submit', onSubmit);
    window.addEventListener('pageshow', onShow);
    return () => {
      form.removeEventListener('submit', onSubmit);
      window.removeEventListener('pageshow', onShow);
    };
  }, []);

  return (
    <Button ref={ref} type="submit" variant="primary" size="lg" loading={busy} className="w-full">
      {busy ? busyLabel : children}
    </Button>
  );
}
