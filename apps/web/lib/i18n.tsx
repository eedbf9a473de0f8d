'use client';

import { useRouter } from 'next/navigation';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { format, isLang, LANG_COOKIE, LANG_KEY, type Lang, langFromTag, type MessageKey, messages, type Params } from './messages';

export type { Lang, MessageKey };

interface LangState {
  lang: Lang;
  setLang: (l: Lang) => void;
  /** The UI string `key` in the current language, `{name}` placeholders filled from params. */
  t: (key: MessageKey, params?: Params) => string;
}

const LangContext = createContext<LangState>({ lang: 'en', setLang: () => undefined, t: (key, params) => format(messages.en[key], params) });


function remember(l: Lang, choice = true): void {
  if (choice) {
    try {
      localStorage.setItem(LANG_KEY, l);
    } catch {
      // storage disabled: the choice lasts for this page only
    }
  }
  // The cookie only lets the server render the next page in the same language (no flash).
  document.cookie = `${LANG_COOKIE}=${l}; path=/; max-age=31536000; samesite=lax`;
}

/**
 * The UI language. The server renders with `initial` (cookie, else Accept-Language); after
 * mount the stored choice wins, else navigator.language. The choice is kept in localStorage.
 */
export function LangProvider({ initial, children }: { initial: Lang; children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initial);
  const router = useRouter();
  useEffect(() => {
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(LANG_KEY);
    } catch {
      // storage disabled
    }
    const want = isLang(stored) ? stored : langFromTag(navigator.language);
    if (want !== initial) {
      setLangState(want);
      remember(want, isLang(stored));
      router.refresh(); // server-rendered headings follow
    } else if (isLang(stored) && !document.cookie.includes(`${LANG_COOKIE}=${stored}`)) remember(stored);
    // Once, for the language the server assumed.
  }, [initial]);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const setLang = useCallback(
    (l: Lang) => {
      setLangState(l);
      remember(l);
      router.refresh(); // server-rendered headings follow
    },
    [router],
  );
  const value = useMemo<LangState>(() => ({ lang, setLang, t: (key, params) => format(messages[lang][key] ?? messages.en[key], params) }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export const useLang = (): LangState => useContext(LangContext);

/** Text the API gives in both languages ({zh, en}); falls back to whichever exists. */
export function pick(lang: Lang, text: { en?: string | null; zh?: string | null } | null | undefined): string {
  if (!text) return '';
  return (lang === 'zh' ? text.zh || text.en : text.en || text.zh) ?? '';
}
