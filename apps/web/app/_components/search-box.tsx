'use client';

import { type ReactNode, type RefObject, useEffect, useRef } from 'react';

const typing = (el: EventTarget | null): boolean => {
  const t = el as HTMLElement | null;
  if (!t) return false;
  const tag = t.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || t.isContentEditable;
};

/**
 * Page keys: "/" focuses the search box, Escape (outside a text field) calls onEscape —
 * the flame graph resets its zoom.
 */
export function useSlashToFocus(input: RefObject<HTMLInputElement | null>, onEscape?: () => void): void {
  const escape = useRef(onEscape);
  useEffect(() => {
    escape.current = onEscape;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '/' && !typing(e.target)) {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      } else if (e.key === 'Escape' && !typing(e.target)) {
        escape.current?.();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [input]);
}

export interface SearchBoxProps {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  result?: ReactNode;
  inputRef?: RefObject<HTMLInputElement | null>;
}

/** A search field; Escape inside it clears it first, then leaves it. */
export function SearchBox({ id, label, value, onChange, placeholder, result, inputRef }: SearchBoxProps) {
  return (
    <div className="search">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <span className="search-icon" aria-hidden>
        ⌕
      </span>
      <input
        id={id}
        ref={inputRef}
        type="search"
        value={value}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            if (value) onChange('');
            else e.currentTarget.blur();
            e.preventDefault();
          }
        }}
      />
      <kbd className="search-kbd" aria-hidden>
        /
      </kbd>
      {result}
    </div>
  );
}
