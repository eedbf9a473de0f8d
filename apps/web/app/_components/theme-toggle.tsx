'use client';

import { useEffect, useState } from 'react';
import { useLang } from '../../lib/i18n';
import { applyTheme, storedTheme, type ThemeChoice } from '../../lib/theme';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const ICON: Record<ThemeChoice, string> = { system: '◐', light: '☀', dark: '☾' };

/** Cycles system → light → dark; the choice is kept in localStorage. */
export function ThemeToggle() {
  const { t } = useLang();
  const [choice, setChoice] = useState<ThemeChoice>('system');
  useEffect(() => setChoice(storedTheme()), []);
  return (
    <button
      type="button"
      className="ghost theme-toggle"
      aria-label={t('theme.label', { choice: t(`theme.${choice}`), next: t(`theme.${NEXT[choice]}`) })}
      title={t('theme.title', { choice: t(`theme.${choice}`), next: t(`theme.${NEXT[choice]}`) })}
      onClick={() => {
        const next = NEXT[choice];
        applyTheme(next);
        setChoice(next);
      }}
    >
      <span aria-hidden>{ICON[choice]}</span> {t(`theme.${choice}`)}
    </button>
  );
}
