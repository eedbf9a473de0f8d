'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { errorText, getSandwich } from '../../lib/api';
import { buildLayout } from '../../lib/flame/layout';
import { type FlameBadge } from '../../lib/flame/renderer';
import { formatPct, formatValue } from '../../lib/format';
import { type SandwichJSON } from '../../lib/types';
import { FlameGraph } from './flame-graph';
import { useLang } from '../../lib/i18n';

export interface SandwichViewProps {
  profileId: string;
  fn: string;
  sampleType?: string;
  profileTotal?: number;
  badgesFor: (names: string[]) => Map<number, FlameBadge>;
  onBadgeClick: (findingId: string) => void;
  onSelect: (fn: string) => void;
  onShowInFlame: (fn: string) => void;
  onClose: () => void;
}

/**
 * One function's callers (growing upwards, towards main) above its callees (growing
 * downwards), each a small flame graph; shift+click in either re-centres on that function.
 */
export function SandwichView({ profileId, fn, sampleType, profileTotal, badgesFor, onBadgeClick, onSelect, onShowInFlame, onClose }: SandwichViewProps) {
  const { t } = useLang();
  const [data, setData] = useState<SandwichJSON>();
  const [error, setError] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const ac = new AbortController();
    setError(undefined);
    getSandwich(profileId, fn, sampleType, ac.signal)
      .then((d) => setData(d))
      .catch((err: unknown) => {
        if (!ac.signal.aborted) setError(errorText(err));
      });
    return () => ac.abort();
  }, [profileId, fn, sampleType]);

  useEffect(() => {
    heading.current?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  }, [fn]);

  const callers = useMemo(() => (data ? buildLayout(data.callers) : null), [data]);
  const callees = useMemo(() => (data ? buildLayout(data.callees) : null), [data]);
  const callerBadges = useMemo(() => badgesFor(data?.callers.names ?? []), [badgesFor, data]);
  const calleeBadges = useMemo(() => badgesFor(data?.callees.names ?? []), [badgesFor, data]);
  const current = data && data.function === fn ? data : undefined;

  return (
    <section className="card sandwich" aria-labelledby="sandwich-h" data-testid="sandwich" data-fn={fn}>
      <div className="card-head">
        <h2 id="sandwich-h" ref={heading} tabIndex={-1}>
          {t('sandwich.title')}
        </h2>
        <code className="fn-title">{fn}</code>
        <span className="spacer" />
        <button type="button" className="ghost small" onClick={() => onShowInFlame(fn)}>
          {t('sandwich.find')}
        </button>
        <button type="button" className="ghost small" onClick={onClose} aria-label={t('sandwich.close')}>
          ✕
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {t('sandwich.loadError', { error })}
        </p>
      )}
      {!current && !error && <div className="skeleton short" aria-busy="true" aria-label={t('sandwich.loading')} />}
      {current && callers && callees && (
        <>
          <p className="hint small">
            flat <strong>{formatValue(current.flat, current.unit)}</strong>
            {profileTotal ? ` (${formatPct(current.flat, profileTotal)})` : ''} · cum <strong>{formatValue(current.cum, current.unit)}</strong>
            {profileTotal ? ` (${formatPct(current.cum, profileTotal)})` : ''} · {current.sampleType}
          </p>
          <h3 className="sub">
            {t('sandwich.callers')} <span className="hint small">{t('sandwich.callersHint')}</span>
          </h3>
          <FlameGraph
            layout={callers}
            orientation="flame"
            hideRoot
            breadcrumb={false}
            badges={callerBadges}
            onBadgeClick={onBadgeClick}
            onFrameFocus={onSelect}
            profileTotal={profileTotal}
            label={t('sandwich.callersOf', { fn })}
            testId="sandwich-callers"
          />
          <h3 className="sub">
            {t('sandwich.callees')} <span className="hint small">{t('sandwich.calleesHint')}</span>
          </h3>
          <FlameGraph
            layout={callees}
            orientation="icicle"
            hideRoot
            breadcrumb={false}
            badges={calleeBadges}
            onBadgeClick={onBadgeClick}
            onFrameFocus={onSelect}
            profileTotal={profileTotal}
            label={t('sandwich.calleesOf', { fn })}
            testId="sandwich-callees"
          />
        </>
      )}
    </section>
  );
}
