'use client';

import { useEffect, useMemo, useState } from 'react';
import { getMemes, getRootCauses } from './api';
import { type Lang, pick } from './i18n';
import { type Meme, type RootCauseSummary } from './types';

export interface Catalog {
  /** Built-in memes (one per root-cause class). */
  memes: Meme[];
  memeByClass: Map<string, Meme>;
  memeById: Map<string, Meme>;
  /** Every root-cause class, by classId. */
  causes: RootCauseSummary[];
  /** The class's knowledge-base title in `lang`, else its id. */
  title: (classId: string | null | undefined, lang: Lang) => string;
  loaded: boolean;
}

/**
 * The meme catalog and the root-cause classes, each fetched once per page load: what every page
 * needs to show a class as its meme symbol and title. Missing data degrades to class ids.
 */
export function useCatalog(): Catalog {
  const [memes, setMemes] = useState<Meme[]>([]);
  const [causes, setCauses] = useState<RootCauseSummary[]>([]);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let live = true;
    void Promise.allSettled([getMemes(), getRootCauses()]).then(([m, c]) => {
      if (!live) return;
      if (m.status === 'fulfilled') setMemes(m.value.items);
      if (c.status === 'fulfilled') setCauses(c.value);
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, []);
  return useMemo(() => {
    const memeByClass = new Map(memes.map((m) => [m.classId as string, m]));
    const memeById = new Map(memes.map((m) => [m.id, m]));
    const byClass = new Map(causes.map((c) => [c.classId, c]));
    const title = (classId: string | null | undefined, lang: Lang) => {
      if (!classId) return '';
      const c = byClass.get(classId);
      return (c?.title && pick(lang, c.title)) || classId;
    };
    return { memes, memeByClass, memeById, causes, title, loaded };
  }, [memes, causes, loaded]);
}
