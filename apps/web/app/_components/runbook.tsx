'use client';

import { useEffect, useId, useState } from 'react';
import { useLang } from '../../lib/i18n';
import { CopyButton } from './copy-button';

/** Runbook steps: what to do, the exact command to paste, and why. */
export function RunbookSteps({ steps }: { steps: readonly { title: string; command: string; why?: string }[] }) {
  const { t } = useLang();
  return (
    <ol className="runbook">
      {steps.map((s, i) => (
        <li key={i}>
          <span className="step-no" aria-hidden>
            {i + 1}
          </span>
          <div className="runbook-body">
            <div className="runbook-title">{s.title}</div>
            {s.why && <div className="hint small">{s.why}</div>}
            <div className="code-row">
              <pre>
                <code>{s.command}</code>
              </pre>
              <CopyButton text={s.command} label={t('runbook.copyStep', { n: i + 1 })} />
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}

/** The PromQL that proves the cause and, later, the fix. */
export function VerificationQueries({ items }: { items: readonly { name?: string; promql: string; expect?: string }[] }) {
  const { t } = useLang();
  return (
    <ol className="promql-list">
      {items.map((v, i) => (
        <li key={i}>
          <div className="runbook-title">{v.name || t('runbook.queryN', { n: i + 1 })}</div>
          <div className="code-row">
            <pre>
              <code>{v.promql}</code>
            </pre>
            <CopyButton text={v.promql} label={t('runbook.copyQuery', { n: i + 1 })} />
          </div>
          {v.expect && (
            <div className="hint small">
              <span className="k">{t('runbook.expect')}</span>
              {v.expect}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

/** Rollback steps as a checklist; ticks are remembered for this browser under `storageKey`. */
export function RollbackChecklist({ items, storageKey }: { items: readonly string[]; storageKey?: string }) {
  const { t } = useLang();
  const id = useId();
  const [done, setDone] = useState<boolean[]>(() => items.map(() => false));
  useEffect(() => {
    if (!storageKey) return;
    try {
      const v = JSON.parse(localStorage.getItem(storageKey) ?? '[]') as unknown;
      if (Array.isArray(v)) setDone(items.map((_, i) => v[i] === true));
    } catch {
      // storage disabled or malformed: start unticked
    }
  }, [storageKey, items]);
  const toggle = (i: number, v: boolean) => {
    setDone((d) => {
      const next = items.map((_, k) => (k === i ? v : d[k] === true));
      if (storageKey) {
        try {
          localStorage.setItem(storageKey, JSON.stringify(next));
        } catch {
          // storage disabled
        }
      }
      return next;
    });
  };
  const count = done.filter(Boolean).length;
  return (
    <fieldset className="checklist">
      <legend className="sr-only">{t('runbook.rollback')}</legend>
      <div className="hint small" aria-live="polite">
        {t('runbook.checked', { n: count, total: items.length })}
      </div>
      <ul>
        {items.map((step, i) => (
          <li key={i}>
            <input type="checkbox" id={`${id}-${i}`} checked={done[i] === true} onChange={(e) => toggle(i, e.target.checked)} />
            <label htmlFor={`${id}-${i}`}>{step}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
