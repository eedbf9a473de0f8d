'use client';

import { useEffect, useState } from 'react';
import { applyTheme, storedTheme, type ThemeChoice } from '../../lib/theme';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const ICON: Record<ThemeChoice, string> = { system: '◐', light: '☀', dark: '☾' };

/** Cycles system → light → dark; the choice is kept in localStorage. */
export function ThemeToggle() {
  const [choice, setChoice] = useState<ThemeChoice>('system');
  useEffect(() => setChoice(storedTheme()), []);
  return (
    <button
      type="button"
      className="ghost theme-toggle"
      aria-label={`Theme: ${choice}. Switch to ${NEXT[choice]}`}
      title={`Theme: ${choice} (click for ${NEXT[choice]})`}
      onClick={() => {
        const next = NEXT[choice];
        applyTheme(next);
        setChoice(next);
      }}
    >
      <span aria-hidden>{ICON[choice]}</span> {choice}
    </button>
  );
}
