'use client';

import { useEffect, useState } from 'react';
import { type FlameTheme } from './flame/renderer';

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_KEY = 'memegraph.theme';

/** The theme in effect: data-theme on <html> when the user chose one, else the OS preference. */
export function effectiveTheme(): 'light' | 'dark' {
  if (typeof document === 'undefined') return 'dark';
  const t = document.documentElement.dataset.theme;
  if (t === 'light' || t === 'dark') return t;
  return window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  try {
    if (choice === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, choice);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}

export function storedTheme(): ThemeChoice {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

function readFlameTheme(): FlameTheme {
  const cs = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  const light = effectiveTheme() === 'light';
  return {
    bg: v('--panel', light ? '#ffffff' : '#171a21'),
    text: v('--text', light ? '#1b1f27' : '#e6e8ee'),
    muted: v('--muted', '#9aa3b2'),
    border: v('--border', '#2a2f3a'),
    otherA: v('--other-a', light ? '#d5d9e0' : '#3a404c'),
    otherB: v('--other-b', light ? '#b9bfca' : '#555d6b'),
    light,
  };
}

const FALLBACK: FlameTheme = { bg: '#171a21', text: '#e6e8ee', muted: '#9aa3b2', border: '#2a2f3a', otherA: '#3a404c', otherB: '#555d6b', light: false };

/** Canvas colours from the CSS theme, updated when the theme or the OS preference changes. */
export function useFlameTheme(): FlameTheme {
  const [theme, setTheme] = useState<FlameTheme>(FALLBACK);
  useEffect(() => {
    const update = () => setTheme(readFlameTheme());
    update();
    const mo = new MutationObserver(update);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const mq = window.matchMedia?.('(prefers-color-scheme: light)');
    mq?.addEventListener('change', update);
    return () => {
      mo.disconnect();
      mq?.removeEventListener('change', update);
    };
  }, []);
  return theme;
}
