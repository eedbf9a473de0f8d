'use client';

import { useEffect, useMemo, useState } from 'react';
import { errorText, getTop } from '../../lib/api';
import { formatPercent, formatValue } from '../../lib/format';
import { type TopRow, type TopTable as TopTableData } from '../../lib/types';
import { SearchBox } from './search-box';
import { useLang } from '../../lib/i18n';

type SortKey = 'flat' | 'cum' | 'name';
const FIRST_ROWS = 30;

export interface TopTableProps {
  profileId: string;
  sampleType?: string;
  selected?: string;
  anchors: Set<string>;
  onSelect: (fn: string) => void;
}

/** The `go tool pprof -top` table, sortable, each function opening its callers/callees. */
export function TopTable({ profileId, sampleType, selected, anchors, onSelect }: TopTableProps) {
  const { t } = useLang();
  const [data, setData] = useState<TopTableData>();
  const [error, setError] = useState<string>();
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'flat', desc: true });
  const [filter, setFilter] = useState('');
  const [all, setAll] = useState(false);

  useEffect(() => {
    const ac = new AbortController();
    getTop(profileId, sampleType, 500, ac.signal)
      .then((t) => {
        setData(t);
        setError(undefined);
      })
      .catch((err: unknown) => {
        if (!ac.signal.aborted) setError(errorText(err));
      });
    return () => ac.abort();
  }, [profileId, sampleType]);

  const rows = useMemo(() => {
    if (!data) return [];
    const f = filter.trim().toLowerCase();
    const list = f ? data.rows.filter((r) => r.name.toLowerCase().includes(f)) : [...data.rows];
    const dir = sort.desc ? -1 : 1;
    const by: Record<SortKey, (a: TopRow, b: TopRow) => number> = {
      flat: (a, b) => dir * (Math.abs(a.flat) - Math.abs(b.flat)) || a.name.localeCompare(b.name),
      cum: (a, b) => dir * (Math.abs(a.cum) - Math.abs(b.cum)) || a.name.localeCompare(b.name),
      name: (a, b) => dir * a.name.localeCompare(b.name),
    };
    return list.sort(by[sort.key]);
  }, [data, filter, sort]);

  const header = (key: SortKey, label: string, numeric: boolean) => {
    const active = sort.key === key;
    return (
      <th scope="col" aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'} className={numeric ? 'num' : undefined}>
        <button
          type="button"
          className="sort"
          onClick={() => setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: key !== 'name' }))}
          aria-label={t('top.sortBy', { col: label })}
        >
          {label}
          <span aria-hidden className="sort-mark">
            {active ? (sort.desc ? '▼' : '▲') : '↕'}
          </span>
        </button>
      </th>
    );
  };

  const shown = all ? rows : rows.slice(0, FIRST_ROWS);
  // Bars scale to the largest value in the table, so the top rows read at a glance.
  const maxFlat = Math.max(1e-9, ...(data?.rows.map((r) => Math.abs(r.flatPct)) ?? [0]));
  const maxCum = Math.max(1e-9, ...(data?.rows.map((r) => Math.abs(r.cumPct)) ?? [0]));
  return (
    <section className="card" aria-labelledby="top-h">
      <div className="card-head">
        <h2 id="top-h">{t('top.title')}</h2>
        {data && (
          <span className="hint small">
            {data.sampleType} · {data.rows.length} of {data.nodesAfterCutoff + data.droppedNodes} functions
            {data.droppedNodes > 0 && ` (${data.droppedNodes} under ${formatValue(data.droppedCutoff, data.unit)} dropped)`}
          </span>
        )}
        <SearchBox id="top-filter" label={t('top.filter')} value={filter} onChange={setFilter} placeholder={t('top.filter')} />
      </div>
      {error && (
        <p role="alert" className="error">
          {t('top.loadError', { error })}
        </p>
      )}
      {!data && !error && <div className="skeleton short" aria-busy="true" aria-label={t('top.loading')} />}
      {data && (
        <div className="table-scroll">
          <table className="top" aria-label={t('top.title')}>
            <thead>
              <tr>
                {header('flat', t('findings.flat'), true)}
                <th scope="col" className="num">
                  Flat%
                </th>
                <th scope="col" className="num">
                  Sum%
                </th>
                {header('cum', t('findings.cum'), true)}
                <th scope="col" className="num">
                  Cum%
                </th>
                {header('name', t('top.function'), false)}
              </tr>
            </thead>
            <tbody>
              {shown.length === 0 && (
                <tr>
                  <td colSpan={6} className="hint">
                    No functions{filter ? ' match' : ''}.
                  </td>
                </tr>
              )}
              {shown.map((r) => (
                <tr
                  key={r.name}
                  data-fn={r.name}
                  className={r.name === selected ? 'selected' : undefined}
                  onClick={(e) => {
                    if ((e.target as HTMLElement).closest('button')) return;
                    onSelect(r.name);
                  }}
                >
                  <td className="num">{formatValue(r.flat, data.unit)}</td>
                  <td className="num">
                    <span className="bar-cell">
                      <span className="bar" style={{ width: `${(Math.abs(r.flatPct) / maxFlat) * 100}%` }} aria-hidden />
                      {formatPercent(r.flatPct)}
                    </span>
                  </td>
                  <td className="num hint">{formatPercent(r.sumPct)}</td>
                  <td className="num">{formatValue(r.cum, data.unit)}</td>
                  <td className="num">
                    <span className="bar-cell">
                      <span className="bar cum" style={{ width: `${(Math.abs(r.cumPct) / maxCum) * 100}%` }} aria-hidden />
                      {formatPercent(r.cumPct)}
                    </span>
                  </td>
                  <td className="fn">
                    <button type="button" className="link fn-link" onClick={() => onSelect(r.name)} aria-label={t('top.callersOf', { name: r.name })} title={t('top.callersTitle')}>
                      {r.name}
                    </button>
                    {r.inline && <span className="tag">{r.inline}</span>}
                    {anchors.has(r.name) && <span className="tag warn">{t('top.finding')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > FIRST_ROWS && (
        <button type="button" className="ghost" onClick={() => setAll((v) => !v)}>
          {all ? `Show the first ${FIRST_ROWS}` : `Show all ${rows.length} functions`}
        </button>
      )}
    </section>
  );
}
