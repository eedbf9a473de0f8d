'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { errorText, getFlame } from '../../lib/api';
import { type Finding } from '../../lib/findings';
import { buildLayout, compileSearch, type FlameLayout, matchedWeight, matchNames } from '../../lib/flame/layout';
import { badgeMap } from '../../lib/flame/badges';
import { formatPct, formatValue } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { type Meme } from '../../lib/types';
import { FlameGraph, type FlameGraphHandle } from './flame-graph';
import { SearchBox, useSlashToFocus } from './search-box';

const DETAIL = [
  { value: '0.01', label: 'frames ≥ 1%' },
  { value: '0.001', label: 'frames ≥ 0.1%' },
  { value: '0.0001', label: 'frames ≥ 0.01%' },
  { value: '0', label: 'every frame' },
] as const;

export interface FlamePanelProps {
  profileId: string;
  sampleType?: string;
  findings: Finding[];
  memes: Map<string, Meme>;
  lang: 'en' | 'zh';
  onOpenSandwich: (fn: string) => void;
  onBadgeClick: (findingId: string) => void;
  /** Set the search from outside (evidence frame links); seq makes repeats count. */
  searchRequest?: { text: string; seq: number };
}

export function FlamePanel({ profileId, sampleType, findings, memes, lang, onOpenSandwich, onBadgeClick, searchRequest }: FlamePanelProps) {
  const { t } = useLang();
  const [orientation, setOrientation] = useState<'flame' | 'icicle'>('icicle');
  const [inverted, setInverted] = useState(false);
  const [detail, setDetail] = useState<string>('0.001');
  const [layout, setLayout] = useState<FlameLayout | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [search, setSearch] = useState('');
  const graph = useRef<FlameGraphHandle>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const section = useRef<HTMLElement>(null);

  useEffect(() => {
    const ac = new AbortController();
    setLoading(true);
    getFlame(profileId, { sampleIndex: sampleType, minFraction: Number(detail), inverted }, ac.signal)
      .then((json) => {
        const t0 = performance.now();
        const l = buildLayout(json);
        if (process.env.NODE_ENV !== 'production') console.debug(`flame layout: ${l.n} nodes in ${(performance.now() - t0).toFixed(1)}ms`);
        setLayout(l);
        setError(undefined);
      })
      .catch((err: unknown) => {
        if (!ac.signal.aborted) setError(errorText(err));
      })
      .finally(() => {
        if (!ac.signal.aborted) setLoading(false);
      });
    return () => ac.abort();
  }, [profileId, sampleType, detail, inverted]);

  useEffect(() => {
    if (!searchRequest) return;
    setSearch(searchRequest.text);
    section.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [searchRequest]);

  useSlashToFocus(searchInput, () => graph.current?.resetZoom());

  const test = useMemo(() => compileSearch(search), [search]);
  const matches = useMemo(() => (layout && test ? matchNames(layout.names, test) : null), [layout, test]);
  const matched = useMemo(() => (layout && matches ? matchedWeight(layout, matches) : null), [layout, matches]);
  const badges = useMemo(() => badgeMap(layout?.names ?? [], findings, memes, lang), [layout, findings, memes, lang]);
  const matchPct = matched && layout ? formatPct(matched.weight, layout.rootTotal) : '';

  return (
    <section className="card" aria-labelledby="flame-h" ref={section}>
      <div className="card-head">
        <h2 id="flame-h">{t('flame.title')}</h2>
        {layout && (
          <span className="hint">
            {layout.sampleType} · total {formatValue(layout.rootTotal, layout.unit)} · {layout.n.toLocaleString('en-US')} frames
          </span>
        )}
      </div>
      <div className="toolbar" role="toolbar" aria-label={t('flame.options')}>
        <SearchBox
          id="flame-search"
          inputRef={searchInput}
          label={t('flame.search')}
          value={search}
          onChange={setSearch}
          placeholder={t('flame.searchPlaceholder')}
          result={
            matched ? (
              <output className="match" data-match-pct={matched.weight && layout ? ((matched.weight / layout.rootTotal) * 100).toFixed(2) : '0'} aria-live="polite">
                {matched.frames ? `${matched.frames.toLocaleString('en-US')} frames · ${matchPct} of total` : 'no match'}
              </output>
            ) : null
          }
        />
        <div className="seg" role="group" aria-label={t('flame.orientation')}>
          <button type="button" aria-pressed={orientation === 'icicle'} onClick={() => setOrientation('icicle')} title={t('flame.icicleTitle')}>
            {t('flame.icicle')}
          </button>
          <button type="button" aria-pressed={orientation === 'flame'} onClick={() => setOrientation('flame')} title={t('flame.flameTitle')}>
            {t('flame.flame')}
          </button>
        </div>
        <button type="button" className="toggle" aria-pressed={inverted} onClick={() => setInverted((v) => !v)} title={t('flame.bottomUpTitle')}>
          {t('flame.bottomUp')}
        </button>
        <label className="inline">
          <span>{t('flame.detail')}</span>
          <select value={detail} onChange={(e) => setDetail(e.target.value)} aria-label={t('flame.detailLabel')}>
            {DETAIL.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
        {loading && layout && <span className="hint small" role="status">{t('common.loading')}</span>}
      </div>
      {layout && layout.pruned.nodes > 0 && (
        <p className="pruned small">
          <span className="swatch other" aria-hidden /> {layout.pruned.nodes.toLocaleString('en-US')} frames under {formatPct(layout.pruned.minFraction, 1)} of the total are folded into{' '}
          <strong>(other)</strong> ({formatValue(Math.abs(layout.pruned.weight), layout.unit)}, {formatPct(Math.abs(layout.pruned.weight), layout.rootTotal)}).{' '}
          <button type="button" className="link" onClick={() => setDetail('0')}>
            {t('flame.showAll')}
          </button>
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {t('flame.loadError', { error })}
        </p>
      )}
      {!layout && !error && <div className="skeleton" aria-busy="true" aria-label={t('flame.loading')} />}
      {layout && layout.n <= 1 && <p className="hint">{t('flame.noSamples', { type: layout.sampleType })}</p>}
      {layout && layout.n > 1 && (
        <FlameGraph
          ref={graph}
          layout={layout}
          orientation={orientation}
          matches={matches}
          badges={badges}
          label={t('flame.graphLabel', { kind: t(inverted ? 'flame.kind.bottomUp' : 'flame.kind.topDown'), type: layout.sampleType })}
          onBadgeClick={onBadgeClick}
          onFrameFocus={onOpenSandwich}
          testId="main-flame"
        />
      )}
      <Legend diff={false} />
    </section>
  );
}

export function Legend({ diff }: { diff: boolean }) {
  const { t } = useLang();
  return (
    <p className="legend small" aria-label={t('flame.legend')}>
      {diff ? (
        <>
          <span>
            <span className="swatch grew" aria-hidden /> {t('flame.grew')}
          </span>
          <span>
            <span className="swatch shrank" aria-hidden /> {t('flame.shrank')}
          </span>
          <span>{t('flame.width')}</span>
        </>
      ) : (
        <>
          <span>
            <span className="swatch app" aria-hidden /> {t('flame.app')}
          </span>
          <span>
            <span className="swatch std" aria-hidden /> {t('flame.std')}
          </span>
          <span>
            <span className="swatch rt" aria-hidden /> {t('flame.runtime')}
          </span>
        </>
      )}
      <span>
        <span className="swatch other" aria-hidden /> {t('flame.other')}
      </span>
      <span>
        <span className="swatch match" aria-hidden /> {t('flame.match')}
      </span>
      <span className="hint">
        <kbd>/</kbd> {t('flame.key.search')} · <kbd>Esc</kbd> {t('flame.key.reset')} · {t('flame.key.navigate')}
      </span>
    </p>
  );
}
