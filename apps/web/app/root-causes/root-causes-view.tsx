'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { errorText, getRootCauses } from '../../lib/api';
import { useCatalog } from '../../lib/catalog';
import { timeAgo } from '../../lib/format';
import { pick, useLang } from '../../lib/i18n';
import { rootCauseLink } from '../../lib/links';
import { type RootCauseSummary } from '../../lib/types';
import { MemeSymbol } from '../_components/meme-symbol';
import { SearchBox, useSlashToFocus } from '../_components/search-box';

type Sort = 'recent' | 'name';

export function RootCausesView() {
  const { t, lang } = useLang();
  const catalog = useCatalog();
  const router = useRouter();
  const [items, setItems] = useState<RootCauseSummary[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string>();
  const [q, setQ] = useState('');
  const [domain, setDomain] = useState<'' | 'go-runtime' | 'platform'>('');
  const [sort, setSort] = useState<Sort>('recent');
  const search = useRef<HTMLInputElement>(null);
  useSlashToFocus(search);

  useEffect(() => {
    getRootCauses(true)
      .then(setItems)
      .catch((err: unknown) => setError(errorText(err)))
      .finally(() => setLoaded(true));
  }, []);

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const title = (c: RootCauseSummary) => pick(lang, c.title) || c.classId;
    return items
      .filter((c) => !domain || c.domain === domain)
      .filter((c) => {
        if (!needle) return true;
        const m = catalog.memeByClass.get(c.classId);
        return [c.classId, c.title?.en, c.title?.zh, m?.caption.en, m?.caption.zh].some((s) => s?.toLowerCase().includes(needle));
      })
      .sort((a, b) => (sort === 'recent' ? b.recentIncidentCount - a.recentIncidentCount || b.incidentCount - a.incidentCount : 0) || title(a).localeCompare(title(b), lang));
  }, [items, q, domain, sort, lang, catalog.memeByClass]);

  return (
    <>
      <h1>{t('rootCauses.title')}</h1>
      <p className="hint">{t('rootCauses.intro')}</p>
      <div className="card toolbar wrap">
        <SearchBox id="rc-search" label={t('rootCauses.search')} value={q} onChange={setQ} placeholder={t('rootCauses.search')} inputRef={search} />
        <div className="seg" role="group" aria-label={t('rootCauses.domain')}>
          {(['', 'go-runtime', 'platform'] as const).map((d) => (
            <button key={d || 'all'} type="button" aria-pressed={domain === d} onClick={() => setDomain(d)}>
              {d === '' ? t('common.all') : d === 'go-runtime' ? t('rootCauses.goRuntime') : t('rootCauses.platform')}
            </button>
          ))}
        </div>
        <label className="inline">
          <span>{t('rootCauses.sort')}</span>
          <select value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
            <option value="recent">{t('rootCauses.sortRecent')}</option>
            <option value="name">{t('rootCauses.sortName')}</option>
          </select>
        </label>
        <span className="spacer" />
        <span className="hint small" aria-live="polite">
          {loaded ? t('rootCauses.count', { n: rows.length }) : ''}
        </span>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="table-scroll">
        <table className="root-causes" aria-label={t('rootCauses.title')}>
          <thead>
            <tr>
              <th scope="col">{t('rootCauses.cause')}</th>
              <th scope="col">{t('rootCauses.domain')}</th>
              <th scope="col" className="num">
                {t('rootCauses.incidents90')}
              </th>
              <th scope="col" className="num">
                {t('rootCauses.incidentsAll')}
              </th>
              <th scope="col">{t('rootCauses.last')}</th>
              <th scope="col" className="num">
                {t('rootCauses.memes')}
              </th>
              <th scope="col" className="num">
                {t('rootCauses.fixes')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="hint">
                  {loaded ? t('rootCauses.none') : t('common.loading')}
                </td>
              </tr>
            )}
            {rows.map((c) => {
              const meme = catalog.memeByClass.get(c.classId);
              return (
                <tr
                  key={c.classId}
                  className="clickable"
                  data-class-id={c.classId}
                  onClick={(e) => {
                    if ((e.target as HTMLElement).closest('a, button')) return;
                    router.push(rootCauseLink(c.classId));
                  }}
                >
                  <td>
                    <div className="cause-cell">
                      <MemeSymbol meme={meme} size="md" />
                      <div>
                        <Link href={rootCauseLink(c.classId)} className="cause-title">
                          {pick(lang, c.title) || c.classId}
                        </Link>
                        <div className="hint small">
                          <code>{c.classId}</code>
                          {meme && <span lang={lang === 'zh' ? 'zh' : 'en'}> · “{pick(lang, meme.caption)}”</span>}
                        </div>
                      </div>
                    </div>
                  </td>
                  <td>
                    <span className="tag">{c.domain === 'go-runtime' ? t('rootCauses.goRuntime') : c.domain === 'platform' ? t('rootCauses.platform') : (c.domain ?? '—')}</span>
                  </td>
                  <td className="num">
                    <strong>{c.recentIncidentCount}</strong>
                  </td>
                  <td className="num">{c.incidentCount}</td>
                  <td>{c.lastIncidentAt ? <span title={c.lastIncidentAt}>{timeAgo(c.lastIncidentAt, Date.now(), lang)}</span> : <span className="hint">—</span>}</td>
                  <td className="num">{c.memeCount}</td>
                  <td className="num">{c.fixCount}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
