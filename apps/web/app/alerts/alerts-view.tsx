'use client';

import { type AlertRecord } from '@memegraph/contracts';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type AlertFilters, errorText, getAlert, listAlerts } from '../../lib/api';
import { useCatalog } from '../../lib/catalog';
import { formatDateTime, timeAgo } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { alertLink } from '../../lib/links';
import { type AlertEvent, type StreamState, useAlertStream } from '../../lib/use-alert-stream';
import { type WindowValue, windowStart } from '../../lib/time-windows';
import { useNow } from '../../lib/use-now';
import { AlertStatusBadge, EnrichmentBadge } from '../_components/alert-badges';
import { ConfidenceMeter } from '../_components/confidence-meter';
import { MemeSymbol } from '../_components/meme-symbol';
import { WindowSelect } from '../_components/window-select';
import { DiagnoseBox } from './diagnose-box';
import { DeadLetters } from './dead-letters';

const WINDOWS: WindowValue[] = ['', '15m', '1h', '6h', '24h', '7d', '30d'];

interface Filters {
  status: string;
  service: string;
  classId: string;
  window: string;
}

const FILTER_KEYS = ['status', 'service', 'classId', 'window'] as const;

function apiFilters(f: Filters, now = Date.now()): AlertFilters {
  return {
    status: f.status || undefined,
    service: f.service.trim() || undefined,
    classId: f.classId || undefined,
    since: windowStart(f.window, now),
  };
}

/** Whether a streamed alert belongs in the list the filters ask for (the API applies the same rules). */
function matches(a: AlertRecord, f: AlertFilters): boolean {
  if (f.status && a.status !== f.status) return false;
  if (f.service && a.service !== f.service) return false;
  if (f.classId && a.topClassId !== f.classId) return false;
  if (f.since && Date.parse(a.startsAt) < Date.parse(f.since)) return false;
  return true;
}

const byReceived = (a: AlertRecord, b: AlertRecord) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : a.id < b.id ? 1 : -1);

/** More streamed alerts than this at once (a storm): reload the page of alerts instead of fetching each. */
const STORM = 20;

export function AlertsView() {
  const { t, lang } = useLang();
  const catalog = useCatalog();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [filters, setFilters] = useState<Filters>(() => ({
    status: params.get('status') ?? '',
    service: params.get('service') ?? '',
    classId: params.get('classId') ?? '',
    window: params.get('window') ?? '',
  }));
  const [serviceDraft, setServiceDraft] = useState(filters.service);
  const [items, setItems] = useState<AlertRecord[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [loaded, setLoaded] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string>();
  const [fresh, setFresh] = useState<Set<string>>(() => new Set());
  const [announce, setAnnounce] = useState('');
  const now = useNow(15_000);

  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const generation = useRef(0);

  const load = useCallback(async (quiet = false) => {
    const gen = ++generation.current;
    if (!quiet) setLoaded(false);
    try {
      const page = await listAlerts(apiFilters(filtersRef.current));
      if (gen !== generation.current) return;
      setItems(page.items);
      setCursor(page.nextCursor);
      setError(undefined);
    } catch (err) {
      if (gen === generation.current) setError(errorText(err));
    } finally {
      if (gen === generation.current) setLoaded(true);
    }
  }, []);

  // Filters → URL (shareable) and a fresh first page.
  useEffect(() => {
    const q = new URLSearchParams();
    for (const k of FILTER_KEYS) if (filters[k]) q.set(k, filters[k]);
    const qs = q.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    void load();
  }, [filters, load, router, pathname]);

  // The service box applies after a pause in typing.
  useEffect(() => {
    if (serviceDraft === filters.service) return;
    const id = setTimeout(() => setFilters((f) => ({ ...f, service: serviceDraft })), 400);
    return () => clearTimeout(id);
  }, [serviceDraft, filters.service]);

  // Streamed events: fetch each changed alert (coalesced), upsert it where the filters allow.
  const pending = useRef(new Set<string>());
  const flushTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const flush = useCallback(async () => {
    const ids = [...pending.current];
    pending.current.clear();
    if (ids.length > STORM) {
      await load(true);
      return;
    }
    const got = await Promise.all(ids.map((id) => getAlert(id).catch(() => undefined)));
    const f = apiFilters(filtersRef.current);
    const records = got.filter((a): a is NonNullable<typeof a> => !!a).map(({ diagnosis: _d, ...a }) => a as AlertRecord);
    const byId = new Map(itemsRef.current.map((a) => [a.id, a]));
    const added = records.filter((r) => !byId.has(r.id) && matches(r, f));
    for (const r of records) {
      if (matches(r, f)) byId.set(r.id, r);
      else byId.delete(r.id);
    }
    const next = [...byId.values()].sort(byReceived);
    itemsRef.current = next;
    setItems(next);
    if (added.length) {
      setFresh((s) => new Set([...s, ...added.map((a) => a.id)]));
      setTimeout(() => setFresh((s) => new Set([...s].filter((id) => !added.some((a) => a.id === id)))), 2500);
      setAnnounce(added.map((a) => t('alerts.announce', { name: a.name, service: a.service ?? '—' })).join(' '));
    }
  }, [load, t]);
  const onEvent = useCallback(
    (e: AlertEvent) => {
      pending.current.add(e.id);
      clearTimeout(flushTimer.current);
      flushTimer.current = setTimeout(() => void flush(), 150);
    },
    [flush],
  );
  const onOpen = useCallback(() => void load(true), [load]);
  const stream = useAlertStream(onEvent, onOpen);

  async function loadMore() {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await listAlerts(apiFilters(filtersRef.current), cursor);
      setItems((list) => {
        const seen = new Set(list.map((a) => a.id));
        return [...list, ...page.items.filter((a) => !seen.has(a.id))];
      });
      setCursor(page.nextCursor);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setLoadingMore(false);
    }
  }

  const services = useMemo(() => [...new Set(items.map((a) => a.service).filter((s): s is string => !!s))].sort(), [items]);
  const firing = items.filter((a) => a.status === 'firing').length;
  const anyFilter = FILTER_KEYS.some((k) => filters[k]);
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('alerts.title')}</h1>
          <p className="hint">{t('alerts.intro')}</p>
        </div>
        <ConnectionIndicator state={stream.state} retryAt={stream.retryAt} />
      </div>

      <DeadLetters />

      <form className="card toolbar wrap filters" role="search" aria-label={t('alerts.filters')} onSubmit={(e) => e.preventDefault()}>
        <label className="inline">
          <span>{t('alerts.status')}</span>
          <select value={filters.status} onChange={(e) => set({ status: e.target.value })}>
            <option value="">{t('common.all')}</option>
            <option value="firing">{t('alerts.firing')}</option>
            <option value="resolved">{t('alerts.resolved')}</option>
          </select>
        </label>
        <label className="inline">
          <span>{t('alerts.service')}</span>
          <input
            type="text"
            list="alert-services"
            value={serviceDraft}
            placeholder={t('alerts.anyService')}
            onChange={(e) => setServiceDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') set({ service: serviceDraft });
            }}
            size={14}
          />
          <datalist id="alert-services">
            {services.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </label>
        <label className="inline">
          <span>{t('alerts.rootCause')}</span>
          <select value={filters.classId} onChange={(e) => set({ classId: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {catalog.causes.map((c) => (
              <option key={c.classId} value={c.classId}>
                {catalog.memeByClass.get(c.classId)?.symbol ?? ''} {catalog.title(c.classId, lang)}
              </option>
            ))}
            {filters.classId && !catalog.causes.some((c) => c.classId === filters.classId) && <option value={filters.classId}>{filters.classId}</option>}
          </select>
        </label>
        <WindowSelect value={filters.window} choices={WINDOWS} onChange={(window) => set({ window })} />
        {anyFilter && (
          <button
            type="button"
            className="ghost small"
            onClick={() => {
              setServiceDraft('');
              setFilters({ status: '', service: '', classId: '', window: '' });
            }}
          >
            {t('alerts.clearFilters')}
          </button>
        )}
        <span className="spacer" />
        <span className="hint small" aria-live="polite">
          {loaded ? t('alerts.count', { n: items.length, firing }) : ''}
        </span>
      </form>

      {error && (
        <p role="alert" className="error">
          {t('alerts.loadError', { error })}
        </p>
      )}
      <p className="sr-only" aria-live="polite">
        {announce}
      </p>

      <div className="table-scroll">
        <table className="alerts" aria-label={t('alerts.tableLabel')} aria-busy={!loaded}>
          <thead>
            <tr>
              <th scope="col">{t('alerts.status')}</th>
              <th scope="col">{t('alerts.alert')}</th>
              <th scope="col">{t('alerts.rootCause')}</th>
              <th scope="col">{t('alerts.enrichment')}</th>
              <th scope="col">{t('alerts.started')}</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 && (
              <tr>
                <td colSpan={5} className="hint">
                  {loaded ? (anyFilter ? t('alerts.noneFiltered') : t('alerts.none')) : t('common.loading')}
                </td>
              </tr>
            )}
            {items.map((a) => {
              const href = alertLink(a.id);
              const meme = a.topClassId ? catalog.memeByClass.get(a.topClassId) : undefined;
              return (
                <tr
                  key={a.id}
                  data-alert-id={a.id}
                  data-enrichment={a.enrichment}
                  className={`clickable${fresh.has(a.id) ? ' fresh' : ''}`}
                  onClick={(e) => {
                    if ((e.target as HTMLElement).closest('a, button')) return;
                    router.push(href);
                  }}
                >
                  <td>
                    <AlertStatusBadge status={a.status} />
                  </td>
                  <td>
                    <Link href={href} className="alert-name">
                      {a.name}
                    </Link>
                    <div className="hint small">
                      {a.service ? <span className="service">{a.service}</span> : t('alerts.noService')}
                      {a.labels.severity ? <span className="tag">{a.labels.severity}</span> : null}
                    </div>
                  </td>
                  <td>
                    {a.topClassId ? (
                      <div className="cause-cell">
                        <MemeSymbol meme={meme} />
                        <div>
                          <div className="cause-title">{catalog.title(a.topClassId, lang)}</div>
                          <ConfidenceMeter value={a.topConfidence} compact />
                        </div>
                      </div>
                    ) : (
                      <span className="hint small">{a.enrichment === 'enriched' ? t('alerts.unknownCause') : '—'}</span>
                    )}
                  </td>
                  <td>
                    <EnrichmentBadge state={a.enrichment} />
                  </td>
                  <td title={formatDateTime(a.startsAt, lang)}>
                    {timeAgo(a.startsAt, now, lang)}
                    {a.deliveries > 1 && <div className="hint small">{t('alerts.deliveries', { n: a.deliveries })}</div>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {cursor && (
        <p>
          <button type="button" className="ghost" onClick={() => void loadMore()} disabled={loadingMore}>
            {loadingMore ? t('common.loading') : t('common.loadMore')}
          </button>
        </p>
      )}

      <DiagnoseBox />
    </>
  );
}

function ConnectionIndicator({ state, retryAt }: { state: StreamState; retryAt?: number }) {
  const { t } = useLang();
  const now = useNow(1000);
  const secs = retryAt ? Math.max(0, Math.ceil((retryAt - now) / 1000)) : 0;
  const text =
    state === 'live' ? t('stream.live') : state === 'connecting' ? t('stream.connecting') : state === 'offline' ? t('stream.offline') : t('stream.reconnecting', { n: secs });
  return (
    <span className={`conn conn-${state}`} role="status" data-state={state} title={t('stream.title')}>
      <span className="conn-dot" aria-hidden />
      {text}
    </span>
  );
}
