'use client';

import { useCallback, useEffect, useState } from 'react';

/**
 * A small preference kept in localStorage. The first render uses the default (so server and
 * client HTML agree); the stored value applies right after mount.
 */
export function usePref<T extends string>(key: string, initial: T, allowed: readonly T[]): [T, (v: T) => void] {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    try {
      const v = localStorage.getItem(key) as T | null;
      if (v !== null && allowed.includes(v)) setValue(v);
    } catch {
      // storage disabled
    }
    // `allowed` is a constant list per call site.
  }, [key]);
  const set = useCallback(
    (v: T) => {
      setValue(v);
      try {
        localStorage.setItem(key, v);
      } catch {
        // storage disabled
      }
    },
    [key],
  );
  return [value, set];
}
