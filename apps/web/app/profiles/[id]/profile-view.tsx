'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { getMemes, getProfile, profileUrl, type ProfileWithFindings } from '../../../lib/api';
import { findingAnchorId, findingsOf, sortFindings } from '../../../lib/findings';
import { badgeMap } from '../../../lib/flame/badges';
import { formatBytes, formatDuration, formatValue, timeAgo } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { type Meme } from '../../../lib/types';
import { FindingsPanel } from '../../_components/findings-panel';
import { FlamePanel } from '../../_components/flame-panel';
import { GoroutinesPanel } from '../../_components/goroutines-panel';
import { SandwichView } from '../../_components/sandwich-view';
import { TopTable } from '../../_components/top-table';
import { type LoadError, usePolling } from '../../../lib/use-polling';

const POLL_MS = 1500;

export function ProfileView({ id }: { id: string }) {
  const [record, setRecord] = useState<ProfileWithFindings>();
  const [loadError, setLoadError] = useState<LoadError>();
  const [memes, setMemes] = useState<Map<string, Meme>>(() => new Map());
    const { lang, setLang, t } = useLang();
  const [sampleType, setSampleType] = useState<string>();
  const [sandwich, setSandwich] = useState<string>();
  const [searchRequest, setSearchRequest] = useState<{ text: string; seq: number }>();
  const [flash, setFlash] = useState<string>();

  const pending = !record || record.status === 'queued' || record.status === 'processing';
  usePolling({
    active: pending,
    key: id,
    intervalMs: POLL_MS,
    load: (signal) => getProfile(id, signal),
    again: (r) => r.status === 'queued' || r.status === 'processing',
    onValue: setRecord,
    onError: setLoadError,
  });

  useEffect(() => {
    getMemes()
      .then((list) => setMemes(new Map(list.items.map((m) => [m.id, m]))))
      .catch(() => undefined); // badges fall back to a warning sign
  }, []);

  const findings = useMemo(() => sortFindings(findingsOf(record)), [record]);
  const anchors = useMemo(() => new Set(findings.flatMap((f) => f.anchors)), [findings]);
  const summary = record?.summary;
  const kind = summary?.kind ?? '';
  const defaultType = summary ? (summary.defaultSampleType ?? summary.sampleTypes[summary.sampleTypes.length - 1]?.type) : undefined;
  const currentType = sampleType ?? defaultType;
  const profileTotal = summary?.totals.find((t) => t.type === currentType)?.total;
  const isDump = kind === 'goroutine-dump';
  const hasGoroutines = isDump || kind === 'goroutine' || !!summary?.sampleTypes.some((t) => t.type === 'goroutine');

  const openFinding = useCallback((findingId: string) => {
    const el = document.getElementById(findingAnchorId(findingId));
    if (!el) return;
    el.scrollIntoView({ behavior: 'smooth', block: 'center' });
    el.focus({ preventScroll: true });
    setFlash(undefined);
    requestAnimationFrame(() => setFlash(findingId));
  }, []);

  const showInFlame = useCallback((name: string) => {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    setSearchRequest((s) => ({ text: `^${escaped}$`, seq: (s?.seq ?? 0) + 1 }));
  }, []);

  const badgesFor = useCallback((names: string[]) => badgeMap(names, findings, memes, lang), [findings, memes, lang]);

  if (loadError && !record) {
    return (
      <section>
        <p>
          <Link href="/profiles">← {t('nav.profiles')}</Link>
        </p>
        <h1>{t('profile.title')}</h1>
        <p role="alert" className="error">
          {loadError.status === 404 ? t('profile.notFound') : t('profile.loadError', { error: loadError.text })}
        </p>
      </section>
    );
  }

  return (
    <div className="profile">
      <p className="back">
        <Link href="/profiles">← {t('nav.profiles')}</Link>
      </p>
      <header className="card profile-head">
        <div className="title-row">
          <h1 className="filename" title={record?.filename}>
            {record?.filename ?? t('common.loading')}
          </h1>
          {kind && <span className="badge kind">{kind}</span>}
          {record && (
            <span className={`badge status-${record.status}`} role="status">
              {record.status}
            </span>
          )}
        </div>
        {summary && (
          <dl className="facts">
            {summary.durationNanos > 0 && (
              <div>
                <dt>{t('profile.duration')}</dt>
                <dd>{formatDuration(summary.durationNanos)}</dd>
              </div>
            )}
            <div title={t('profile.stacksTitle')}>
              <dt>{t('profile.stacks')}</dt>
              <dd>{summary.sampleCount.toLocaleString('en-US')}</dd>
            </div>
            {summary.totals.map((t) => (
              <div key={t.type}>
                <dt>{t.type}</dt>
                <dd>{formatValue(t.total, t.unit)}</dd>
              </div>
            ))}
            <div>
              <dt>{t('profile.size')}</dt>
              <dd>{formatBytes(record!.size)}</dd>
            </div>
            <div>
              <dt>{t('profiles.uploaded')}</dt>
              <dd title={record!.createdAt}>{timeAgo(record!.createdAt, Date.now(), lang)}</dd>
            </div>
            {!summary.hasSymbols && (
              <div>
                <dt>{t('profile.symbols')}</dt>
                <dd className="error">{t('profile.missing')}</dd>
              </div>
            )}
          </dl>
        )}
        {record?.status === 'done' && (
          <div className="head-actions">
            {!isDump && summary && summary.sampleTypes.length > 1 && (
              <label className="inline">
                <span>{t('profile.sampleType')}</span>
                <select value={currentType} onChange={(e) => setSampleType(e.target.value)}>
                  {summary.sampleTypes.map((t) => (
                    <option key={t.type} value={t.type}>
                      {t.type} ({t.unit})
                    </option>
                  ))}
                </select>
              </label>
            )}
            <nav className="downloads" aria-label={t('profile.downloads')}>
              <span className="k">{t('profile.download')}</span>
              {!isDump && (
                <>
                  <a href={profileUrl(id, 'flamegraph.svg', currentType)} download={`${record.filename}.flame.svg`}>
                    SVG
                  </a>
                  <a href={profileUrl(id, 'folded', currentType)} download>
                    folded
                  </a>
                  <a href={profileUrl(id, 'speedscope', currentType)} download>
                    speedscope
                  </a>
                </>
              )}
              <a href={profileUrl(id, 'original')} download>
                original
              </a>
              {!isDump && (
                <Link href={`/profiles/diff?base=${encodeURIComponent(id)}`} className="compare">
                  {t('profile.compare')}
                </Link>
              )}
            </nav>
          </div>
        )}
      </header>

      {record && pending && (
        <p className="card hint" role="status" aria-live="polite">
          <span className="spinner" aria-hidden /> {t('profile.analysing', { status: record.status })}
        </p>
      )}
      {record?.status === 'failed' && (
        <p role="alert" className="card error">
          {t('profile.failed')}
          {record.error ? `: ${record.error.code}: ${record.error.message}` : ''}
        </p>
      )}

      {record?.status === 'done' && (
        <>
          {findings.length > 0 && <FindingsPanel findings={findings} memes={memes} lang={lang} onLang={setLang} onFrame={showInFlame} highlighted={flash} />}
          {!isDump && (
            <FlamePanel
              profileId={id}
              sampleType={currentType}
              findings={findings}
              memes={memes}
              lang={lang}
              onOpenSandwich={setSandwich}
              onBadgeClick={openFinding}
              searchRequest={searchRequest}
            />
          )}
          {hasGoroutines && <GoroutinesPanel profileId={id} />}
          {!isDump && (
            <div className={sandwich ? 'split' : undefined}>
              <TopTable profileId={id} sampleType={currentType} selected={sandwich} anchors={anchors} onSelect={setSandwich} />
              {sandwich && (
                <SandwichView
                  profileId={id}
                  fn={sandwich}
                  sampleType={currentType}
                  profileTotal={profileTotal}
                  badgesFor={badgesFor}
                  onBadgeClick={openFinding}
                  onSelect={setSandwich}
                  onShowInFlame={showInFlame}
                  onClose={() => setSandwich(undefined)}
                />
              )}
            </div>
          )}
        </>
      )}
    </div>
  );
}
