'use client';

import { type ProfileRecord } from '@memegraph/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, errorText, getDiff, getFlame, listProfiles } from '../../../lib/api';
import { buildLayout, compileSearch, type FlameLayout, matchedWeight, matchNames } from '../../../lib/flame/layout';
import { formatDelta, formatPct, formatValue } from '../../../lib/format';
import { type FlameJSON } from '../../../lib/types';
import { FlameGraph, type FlameGraphHandle } from '../../_components/flame-graph';
import { Legend } from '../../_components/flame-panel';
import { SearchBox, useSlashToFocus } from '../../_components/search-box';
import { useLang } from '../../../lib/i18n';

type Failed = { error: string; status: number };
type Loaded = { layout: FlameLayout } | Failed | undefined;
type DiffState = { layout: FlameLayout; baseTotal?: number; newTotal?: number; scale?: number } | Failed | undefined;

function useFlame(id: string, sampleType: string | undefined): Loaded {
  const [state, setState] = useState<Loaded>();
  useEffect(() => {
    if (!id) {
      setState(undefined);
      return;
    }
    const ac = new AbortController();
    setState(undefined);
    getFlame(id, { sampleIndex: sampleType }, ac.signal)
      .then((j) => setState({ layout: buildLayout(j) }))
      .catch((err: unknown) => {
        if (!ac.signal.aborted) setState({ error: errorText(err), status: err instanceof ApiError ? err.status : 0 });
      });
    return () => ac.abort();
  }, [id, sampleType]);
  return state;
}

function useDiff(base: string, next: string, sampleType: string | undefined) {
  const [state, setState] = useState<DiffState>();
  useEffect(() => {
    if (!base || !next) {
      setState(undefined);
      return;
    }
    const ac = new AbortController();
    setState(undefined);
    getDiff(base, next, sampleType, ac.signal)
      .then((d) => {
        const tree = (d.tree ?? d) as FlameJSON;
        if (!tree?.nodes?.name) throw new ApiError(502, 'BAD_RESPONSE', 'the diff response has no call tree');
        setState({ layout: buildLayout(tree), baseTotal: d.baseTotal, newTotal: d.newTotal, scale: d.scale });
      })
      .catch((err: unknown) => {
        if (!ac.signal.aborted) setState({ error: errorText(err), status: err instanceof ApiError ? err.status : 0 });
      });
    return () => ac.abort();
  }, [base, next, sampleType]);
  return state;
}

export function DiffView({ initialBase, initialNew, initialType }: { initialBase: string; initialNew: string; initialType: string }) {
  const { t } = useLang();
  const router = useRouter();
  const [profiles, setProfiles] = useState<ProfileRecord[]>([]);
  const [listError, setListError] = useState<string>();
  const [base, setBase] = useState(initialBase);
  const [next, setNext] = useState(initialNew);
  const [sampleType, setSampleType] = useState(initialType);
  const [search, setSearch] = useState('');
  const [sameScale, setSameScale] = useState(true);
  const searchInput = useRef<HTMLInputElement>(null);
  const diffGraph = useRef<FlameGraphHandle>(null);
  useSlashToFocus(searchInput, () => diffGraph.current?.resetZoom());

  useEffect(() => {
    listProfiles()
      .then((l) => setProfiles(l.items.filter((p) => p.status === 'done' && p.summary && p.summary.kind !== 'goroutine-dump')))
      .catch((err: unknown) => setListError(errorText(err)));
  }, []);

  // Keep the URL shareable.
  useEffect(() => {
    const q = new URLSearchParams();
    if (base) q.set('base', base);
    if (next) q.set('new', next);
    if (sampleType) q.set('sampleIndex', sampleType);
    router.replace(`/profiles/diff${q.size ? `?${q}` : ''}`, { scroll: false });
  }, [base, next, sampleType, router]);

  const baseRec = profiles.find((p) => p.id === base);
  const newRec = profiles.find((p) => p.id === next);
  const types = useMemo(() => {
    const a = baseRec?.summary?.sampleTypes.map((t) => t.type) ?? [];
    const b = new Set(newRec?.summary?.sampleTypes.map((t) => t.type) ?? []);
    return newRec ? a.filter((t) => b.has(t)) : a;
  }, [baseRec, newRec]);
  const kindMismatch = baseRec && newRec && baseRec.summary?.kind !== newRec.summary?.kind;
  const type = sampleType && types.includes(sampleType) ? sampleType : undefined;

  const left = useFlame(base, type);
  const right = useFlame(next, type);
  const diff = useDiff(base, next, type);

  const test = useMemo(() => compileSearch(search), [search]);
  const leftLayout = left && 'layout' in left ? left.layout : undefined;
  const rightLayout = right && 'layout' in right ? right.layout : undefined;
  const diffLayout = diff && 'layout' in diff ? diff.layout : undefined;
  const scale = Math.max(leftLayout?.w[0] ?? 0, rightLayout?.w[0] ?? 0);
  const leftMatches = useMemo(() => (leftLayout && test ? matchNames(leftLayout.names, test) : null), [leftLayout, test]);
  const rightMatches = useMemo(() => (rightLayout && test ? matchNames(rightLayout.names, test) : null), [rightLayout, test]);
  const diffMatches = useMemo(() => (diffLayout && test ? matchNames(diffLayout.names, test) : null), [diffLayout, test]);

  const option = (p: ProfileRecord) => (
    <option key={p.id} value={p.id}>
      {p.filename} · {p.summary?.kind} · {new Date(p.createdAt).toLocaleString()}
    </option>
  );

  return (
    <div className="diff">
      <div className="card toolbar wrap">
        <label className="inline">
          <span>{t('diff.base')}</span>
          <select value={base} onChange={(e) => setBase(e.target.value)}>
            <option value="">{t('diff.choose')}</option>
            {profiles.map(option)}
          </select>
        </label>
        <button
          type="button"
          className="ghost"
          onClick={() => {
            setBase(next);
            setNext(base);
          }}
          aria-label={t('diff.swap')}
          title={t('diff.swap')}
        >
          ⇄
        </button>
        <label className="inline">
          <span>{t('diff.new')}</span>
          <select value={next} onChange={(e) => setNext(e.target.value)}>
            <option value="">{t('diff.choose')}</option>
            {profiles.map(option)}
          </select>
        </label>
        {types.length > 1 && (
          <label className="inline">
            <span>{t('profile.sampleType')}</span>
            <select value={type ?? ''} onChange={(e) => setSampleType(e.target.value)}>
              <option value="">default</option>
              {types.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" className="toggle" aria-pressed={sameScale} onClick={() => setSameScale((v) => !v)} title={t('diff.sameScaleTitle')}>
          {t('diff.sameScale')}
        </button>
        <SearchBox id="diff-search" inputRef={searchInput} label={t('flame.search')} value={search} onChange={setSearch} placeholder={t('diff.searchPlaceholder')} />
      </div>
      {listError && (
        <p role="alert" className="error">
          Cannot list profiles: {listError}
        </p>
      )}
      {kindMismatch && (
        <p className="warn-text">
          These profiles are of different kinds ({baseRec.summary?.kind} vs {newRec.summary?.kind}): the comparison is unlikely to mean much.
        </p>
      )}

      {base && next && (
        <section className="card" aria-labelledby="diff-h">
          <div className="card-head">
            <h2 id="diff-h">{t('diff.title')}</h2>
            {diff && 'layout' in diff && (
              <span className="hint">
                base {formatValue(diff.layout.rootBaseTotal, diff.layout.unit)} → new {formatValue(diff.layout.rootTotal, diff.layout.unit)} (
                <span className={diff.layout.rootTotal >= diff.layout.rootBaseTotal ? 'grew' : 'shrank'}>
                  {formatDelta(diff.layout.rootTotal - diff.layout.rootBaseTotal, diff.layout.unit)},{' '}
                  {formatPct(diff.layout.rootTotal - diff.layout.rootBaseTotal, diff.layout.rootBaseTotal || 1)}
                </span>
                ){diff.scale && diff.scale !== 1 ? ` · new scaled ×${diff.scale.toFixed(3)}` : ''}
              </span>
            )}
          </div>
          {!diff && <div className="skeleton" aria-busy="true" aria-label={t('diff.loading')} />}
          {diff && 'error' in diff && (
            <div className="notice" role="status" data-testid="diff-unavailable">
              {diff.status === 404 ? (
                <>
                  <strong>Differential flame graph not available.</strong> This server does not offer <code>GET /profiles/diff</code> yet (it answered 404).
                  The two profiles are shown side by side below.
                </>
              ) : (
                <>
                  <strong>Cannot compute the diff:</strong> {diff.error}
                </>
              )}
            </div>
          )}
          {diffLayout && (
            <>
              <FlameGraph
                ref={diffGraph}
                layout={diffLayout}
                orientation="icicle"
                matches={diffMatches}
                label={t('diff.flameLabel')}
                testId="diff-flame"
              />
              {diffMatches && <MatchLine layout={diffLayout} matches={diffMatches} />}
              <Legend diff />
            </>
          )}
        </section>
      )}

      <div className="side-by-side">
        <SideGraph side="base" title={t('diff.baseTitle')} rec={baseRec} state={left} matches={leftMatches} minSpan={sameScale ? scale : undefined} />
        <SideGraph side="new" title={t('diff.newTitle')} rec={newRec} state={right} matches={rightMatches} minSpan={sameScale ? scale : undefined} />
      </div>
    </div>
  );
}

function MatchLine({ layout, matches }: { layout: FlameLayout; matches: Uint8Array }) {
  const m = matchedWeight(layout, matches);
  return (
    <p className="hint small" aria-live="polite">
      {m.frames ? `${m.frames} frames · ${formatPct(m.weight, layout.rootTotal)} of total` : 'no match'}
    </p>
  );
}

function SideGraph({ side, title, rec, state, matches, minSpan }: { side: 'base' | 'new'; title: string; rec?: ProfileRecord; state: Loaded; matches: Uint8Array | null; minSpan?: number }) {
  const { t } = useLang();
  return (
    <section className="card" aria-label={`${title} profile`}>
      <div className="card-head">
        <h2>{title}</h2>
        {rec ? (
          <Link href={`/profiles/${encodeURIComponent(rec.id)}`} className="filename small">
            {rec.filename}
          </Link>
        ) : (
          <span className="hint small">{t('diff.chooseAbove')}</span>
        )}
      </div>
      {rec && !state && <div className="skeleton short" aria-busy="true" aria-label={t('diff.loadingFlame', { title: title.toLowerCase() })} />}
      {state && 'error' in state && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      {state && 'layout' in state && (
        <>
          <p className="hint small">
            {state.layout.sampleType}: {formatValue(state.layout.rootTotal, state.layout.unit)}
          </p>
          <FlameGraph layout={state.layout} orientation="icicle" matches={matches} minSpan={minSpan} label={`${title} flame graph`} breadcrumb testId={`side-${side}`} />
          {matches && <MatchLine layout={state.layout} matches={matches} />}
        </>
      )}
    </section>
  );
}
