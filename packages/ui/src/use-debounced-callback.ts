'use client';

import { useEffect, useMemo, useRef } from 'react';

/** Debounces a callback; the latest callback is always used, pending calls are dropped on unmount. */
export function useDebouncedCallback<A extends unknown[]>(callback: (...args: A) => void, delayMs: number) {
  const latest = useRef(callback);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    latest.current = callback;
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return useMemo(() => {
    const debounced = (...args: A) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => latest.current(...args), delayMs);
    };
    debounced.flush = (...args: A) => {
      clearTimeout(timer.current);
      latest.current(...args);
    };
    return debounced;
  }, [delayMs]);
}
