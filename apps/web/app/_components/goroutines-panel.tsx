'use client';

import { useEffect, useMemo, useState } from 'react';
import { errorText, getGoroutines } from '../../lib/api';
import { formatPct } from '../../lib/format';
import { type GoroutineGroup, type GoroutineReport } from '../../lib/types';
import { SearchBox } from './search-box';
import { useLang } from '../../lib/i18n';

const FIRST_GROUPS = 25;

/** A stable colour per goroutine state; blocked states warm, healthy ones green/grey. */
export function stateColor(state: string): string {
  const s = state.toLowerCase();
  if (s === 'running') return 'var(--ok)';
  if (s === 'runnable') return '#8bd17c';
  if (s.startsWith('chan send')) return '#ff6b6b';
  if (s.startsWith('chan receive')) return s.includes('nil') ? '#c2255c' : '#ff922b';
  if (s.startsWith('select')) return '#fcc419';
  if (s.startsWith('semacquire') || s.startsWith('sync.') || s.includes('mutex') || s.includes('lock')) return '#e64980';
  if (s.startsWith('io wait')) return '#4dabf7';
  if (s.startsWith('syscall')) return '#748ffc';
  if (s.startsWith('sleep')) return '#adb5bd';
  if (s.includes('gc')) return '#63e6be';
  if (s === 'unknown') return '#868e96';
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return `hsl(${h % 360}, 55%, 60%)`;
}

const waitText = (g: GoroutineGroup): string => {
  const { min, max } = g.waitMinutes;
  if (!max) return '< 1 min';
  return min === max ? `${max} min` : `${min}–${max} min`;
};

export function GoroutinesPanel({ profileId }: { profileId: string }) {
  const { t } = useLang();
  const [data, setData] = useState<GoroutineReport>();
  const [error, setError] = useState<string>();
  const [filter, setFilter] = useState('');
  const [state, setState] = useState<string>('');
  const [all, setAll] = useState(false);

  useEffect(() => {
    const ac = new AbortController();
    getGoroutines(profileId, ac.signal)
      .then(setData)
      .catch((err: unknown) => {
        if (!ac.signal.aborted) setError(errorText(err));
      });
    return () => ac.abort();
  }, [profileId]);

  const states = useMemo(() => Object.entries(data?.byState ?? {}).sort((a, b) => b[1] - a[1]), [data]);
  const groups = useMemo(() => {
    if (!data) return [];
    const f = filter.trim().toLowerCase();
    return data.groups.filter(
      (g) =>
        (!state || g.state === state) &&
        (!f || g.stack.some((s) => s.toLowerCase().includes(f)) || (g.createdBy ?? '').toLowerCase().includes(f) || g.state.toLowerCase().includes(f)),
    );
  }, [data, filter, state]);

  if (error)
    return (
      <section className="card" aria-labelledby="gr-h">
        <h2 id="gr-h">{t('goroutines.title')}</h2>
        <p role="alert" className="error">
          Cannot load goroutine groups: {error}
        </p>
      </section>
    );
  if (!data)
    return (
      <section className="card" aria-labelledby="gr-h">
        <h2 id="gr-h">{t('goroutines.title')}</h2>
        <div className="skeleton short" aria-busy="true" aria-label={t('goroutines.loading')} />
      </section>
    );

  const shown = all ? groups : groups.slice(0, FIRST_GROUPS);
  // Only debug=2 dumps record states and wait times.
  const detailed = data.source === 'debug2';
  return (
    <section className="card" aria-labelledby="gr-h" data-testid="goroutines">
      <div className="card-head">
        <h2 id="gr-h">{t('goroutines.title')}</h2>
        <span className="hint">
          <strong className="big-num">{data.total.toLocaleString('en-US')}</strong> {t('goroutines.summary', { groups: data.groups.length.toLocaleString('en-US'), source: data.source })}
          {data.declaredTotal !== undefined && data.declaredTotal !== data.total && t('goroutines.declares', { n: data.declaredTotal.toLocaleString('en-US') })}
        </span>
      </div>

      {!detailed && (
        <p className="hint small">
          {t('goroutines.noStates', { what: t(data.source === 'proto' ? 'goroutines.kind.proto' : 'goroutines.kind.debug1') })} <code>/debug/pprof/goroutine?debug=2</code>{' '}
          {t('goroutines.noStatesEnd')}
        </p>
      )}
      <div className="state-bar" role="img" aria-label={t('goroutines.stateBar', { list: states.map(([s, n]) => `${s} ${n}`).join(', ') })}>
        {states.map(([s, n]) => (
          <span key={s} style={{ flexGrow: n, background: stateColor(s) }} title={`${s}: ${n.toLocaleString('en-US')} (${formatPct(n, data.total)})`} />
        ))}
      </div>
      <div className="state-legend" role="group" aria-label={t('goroutines.byState')}>
        <button type="button" className="chip" aria-pressed={state === ''} onClick={() => setState('')}>
          {t('goroutines.all')} <span className="hint">{data.total.toLocaleString('en-US')}</span>
        </button>
        {states.map(([s, n]) => (
          <button key={s} type="button" className="chip" aria-pressed={state === s} onClick={() => setState(state === s ? '' : s)}>
            <span className="dot" style={{ background: stateColor(s) }} aria-hidden />
            {s} <strong>{n.toLocaleString('en-US')}</strong> <span className="hint">{formatPct(n, data.total)}</span>
          </button>
        ))}
      </div>

      {data.waitingAt.length > 0 && (
        <details className="waiting" open>
          <summary>{t('goroutines.where')}</summary>
          <ol className="waiting-list">
            {data.waitingAt.slice(0, 10).map((w) => (
              <li key={w.frame}>
                <span className="bar-cell wide">
                  <span className="bar" style={{ width: `${(w.count / data.total) * 100}%` }} aria-hidden />
                  <code>{w.frame}</code>
                </span>
                <span className="num">
                  {w.count.toLocaleString('en-US')} <span className="hint">({formatPct(w.count, data.total)})</span>
                </span>
              </li>
            ))}
          </ol>
        </details>
      )}

      <div className="toolbar">
        <SearchBox id="gr-filter" label={t('goroutines.filter')} value={filter} onChange={setFilter} placeholder={t('goroutines.filterPlaceholder')} />
        <span className="hint small">
          {groups.length.toLocaleString('en-US')} group{groups.length === 1 ? '' : 's'}
        </span>
      </div>

      <ul className="groups" aria-label={t('goroutines.groups')}>
        {shown.map((g, i) => (
          <li key={`${g.state}:${g.createdBy}:${g.stack.join(';')}:${i}`} className="group" data-state={g.state}>
            <div className="group-head">
              <span className="group-count" title={`${g.count} goroutines`}>
                {g.count.toLocaleString('en-US')}
              </span>
              <span className="badge state" style={{ background: stateColor(g.state) }}>
                {g.state}
              </span>
              <span className="hint small">{formatPct(g.count, data.total)}</span>
              {detailed && (
                <span className="wait small" title={t('goroutines.waitTitle')}>
                  {t('goroutines.waiting', { time: waitText(g) })}
                </span>
              )}
              {g.lockedToThread > 0 && <span className="tag">locked to thread: {g.lockedToThread}</span>}
            </div>
            <div className="group-body">
              <div>
                <span className="k">waiting at</span> <code className="strong">{g.waitingAt || '—'}</code>
              </div>
              {g.createdBy && (
                <div>
                  <span className="k">created by</span> <code>{g.createdBy}</code>
                  {g.createdByWhere && <span className="hint small"> {g.createdByWhere}</span>}
                </div>
              )}
              {g.labels && Object.keys(g.labels).length > 0 && (
                <div>
                  <span className="k">labels</span>{' '}
                  {Object.entries(g.labels).map(([k, v]) => (
                    <span key={k} className="tag">
                      {k}={v}
                    </span>
                  ))}
                </div>
              )}
              <details>
                <summary>
                  Full stack ({g.stack.length} frame{g.stack.length === 1 ? '' : 's'}
                  {g.framesElided ? ', some elided' : ''}){g.ids.length > 0 && <span className="hint"> · e.g. goroutine {g.ids.join(', ')}</span>}
                </summary>
                <ol className="stack">
                  {g.stack.map((fr, k) => (
                    <li key={k}>
                      <code>{fr}</code>
                      {g.where[k] && <div className="hint small where">{g.where[k]}</div>}
                    </li>
                  ))}
                  {g.framesElided && <li className="hint">…frames elided by the runtime</li>}
                </ol>
              </details>
            </div>
          </li>
        ))}
      </ul>
      {groups.length > FIRST_GROUPS && (
        <button type="button" className="ghost" onClick={() => setAll((v) => !v)}>
          {all ? `Show the first ${FIRST_GROUPS}` : `Show all ${groups.length} groups`}
        </button>
      )}
    </section>
  );
}
