'use client';

import { type ProfileRecord } from '@memegraph/contracts';
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { type AlertWithDiagnosis, getAlert, getProfile } from '../../../lib/api';
import { useCatalog } from '../../../lib/catalog';
import { findingsOf, sortFindings } from '../../../lib/findings';
import { formatConfidence, formatDateTime, timeAgo } from '../../../lib/format';
import { type Lang, pick, useLang } from '../../../lib/i18n';
import { graphLink, profileLink, rootCauseLink } from '../../../lib/links';
import { type AlertDiagnosis, type Evidence, type EnrichmentStep } from '../../../lib/types';
import { type AlertEvent, useAlertStream } from '../../../lib/use-alert-stream';
import { type LoadError, usePolling } from '../../../lib/use-polling';
import { AlertStatusBadge, EnrichmentBadge } from '../../_components/alert-badges';
import { ConfidenceMeter } from '../../_components/confidence-meter';
import { FeedbackBox } from '../../_components/feedback-box';
import { FindingsPanel } from '../../_components/findings-panel';
import { findOccurrences, HighlightedText } from '../../_components/highlighted-text';
import { MemeSymbol } from '../../_components/meme-symbol';
import { RankingList } from '../../_components/ranking-list';
import { MermaidDiagram } from '../../_components/mermaid-diagram';
import { RollbackChecklist, RunbookSteps, VerificationQueries } from '../../_components/runbook';

const POLL_MS = 1500;
const noop = () => undefined;

/** Only http(s) links from alert sources become clickable. */
const safeUrl = (u: string | undefined): string | undefined => (u && /^https?:\/\//i.test(u) ? u : undefined);

export function AlertView({ id }: { id: string }) {
  const { t, lang } = useLang();
  const [alert, setAlert] = useState<AlertWithDiagnosis>();
  const [loadError, setLoadError] = useState<LoadError>();

  const waiting = !alert || ((alert.enrichment === 'pending' || alert.enrichment === 'enriching') && !alert.diagnosis) || (alert.enrichment === 'enriched' && !alert.diagnosis);
  usePolling({
    active: waiting,
    key: id,
    intervalMs: POLL_MS,
    load: (signal) => getAlert(id, signal),
    // An enriched alert's diagnosis may land a moment after its status: a few more looks.
    again: (a, loads) => a.enrichment === 'pending' || a.enrichment === 'enriching' || (a.enrichment === 'enriched' && !a.diagnosis && loads < 10),
    onValue: setAlert,
    onError: setLoadError,
  });

  // A new delivery (e.g. resolved) or a finished diagnosis of this alert, as it happens.
  const onEvent = useCallback(
    (e: AlertEvent) => {
      if (e.id !== id) return;
      getAlert(id)
        .then(setAlert)
        .catch(() => undefined);
    },
    [id],
  );
  useAlertStream(onEvent, noop);

  if (loadError && !alert) {
    return (
      <section>
        <p className="back">
          <Link href="/">← {t('nav.alerts')}</Link>
        </p>
        <h1>{t('alert.title')}</h1>
        <p role="alert" className="error">
          {loadError.status === 404 ? t('alert.notFound') : t('alert.loadError', { error: loadError.text })}
        </p>
      </section>
    );
  }
  if (!alert) {
    return (
      <section aria-busy>
        <p className="back">
          <Link href="/">← {t('nav.alerts')}</Link>
        </p>
        <div className="skeleton" />
      </section>
    );
  }

  const d = alert.diagnosis;
  const generator = safeUrl(alert.generatorURL);
  return (
    <div className="alert-page">
      <p className="back">
        <Link href="/">← {t('nav.alerts')}</Link>
      </p>
      <header className="card profile-head">
        <div className="title-row">
          <AlertStatusBadge status={alert.status} />
          <h1>{alert.name}</h1>
          <EnrichmentBadge state={alert.enrichment} />
        </div>
        <dl className="facts">
          <div>
            <dt>{t('alerts.service')}</dt>
            <dd>{alert.service ?? '—'}</dd>
          </div>
          {alert.labels.severity && (
            <div>
              <dt>{t('alert.severity')}</dt>
              <dd>{alert.labels.severity}</dd>
            </div>
          )}
          <div>
            <dt>{t('alerts.started')}</dt>
            <dd title={alert.startsAt}>
              {formatDateTime(alert.startsAt, lang)} <span className="hint small">({timeAgo(alert.startsAt, Date.now(), lang)})</span>
            </dd>
          </div>
          {alert.endsAt && alert.status === 'resolved' && (
            <div>
              <dt>{t('alert.ended')}</dt>
              <dd>{formatDateTime(alert.endsAt, lang)}</dd>
            </div>
          )}
          <div>
            <dt>{t('alert.source')}</dt>
            <dd>{alert.source}</dd>
          </div>
          <div>
            <dt>{t('alert.deliveriesLabel')}</dt>
            <dd>{alert.deliveries}</dd>
          </div>
        </dl>
        <div className="head-actions downloads">
          {generator && (
            <a href={generator} target="_blank" rel="noopener noreferrer">
              {t('alert.openSource')} ↗
            </a>
          )}
          {alert.incidentId && <Link href={graphLink(`Incident:${alert.incidentId}`)}>{t('alert.incidentInGraph')}</Link>}
          {alert.service && <Link href={`/?service=${encodeURIComponent(alert.service)}`}>{t('alert.moreFromService', { service: alert.service })}</Link>}
        </div>
      </header>

      <div className="alert-grid">
        <div className="alert-main">
          {d ? (
            <DiagnosisCard alert={alert} d={d} />
          ) : alert.enrichment === 'failed' ? (
            <p role="alert" className="card error">
              {t('alert.enrichFailed')}
            </p>
          ) : alert.enrichment === 'skipped' ? (
            <p className="card hint">{t('alert.enrichSkipped')}</p>
          ) : (
            <p className="card hint" role="status" aria-live="polite">
              <span className="spinner" aria-hidden /> {t('alert.diagnosing')}
            </p>
          )}
          {d && <AlertFindings d={d} />}
          {d?.sequenceDiagram && (
            <section className="card" aria-labelledby="seq-h">
              <div className="card-head">
                <h2 id="seq-h">{t('alert.sequence')}</h2>
              </div>
              <MermaidDiagram source={d.sequenceDiagram} label={t('alert.sequenceLabel', { name: alert.name })} />
            </section>
          )}
        </div>
        <aside className="alert-side" aria-label={t('alert.context')}>
          <LabelsCard alert={alert} />
          {d && d.steps.length > 0 && <StepsCard steps={d.steps} />}
          {d && <ProfilesCard ids={d.profileIds} />}
          {d && <SimilarCard d={d} exclude={alert.incidentId} />}
        </aside>
      </div>
    </div>
  );
}

/** The lines of the alert the diagnosis reads: its name, then the annotations (prose first). */
function alertLines(alert: AlertWithDiagnosis): { key: string; value: string }[] {
  const prose = ['summary', 'message', 'description'];
  const keys = Object.keys(alert.annotations).sort((a, b) => {
    const ia = prose.indexOf(a);
    const ib = prose.indexOf(b);
    if (ia !== ib) return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
    return a < b ? -1 : 1;
  });
  return [{ key: 'alertname', value: alert.name }, ...keys.map((k) => ({ key: k, value: alert.annotations[k] ?? '' }))];
}

function DiagnosisCard({ alert, d }: { alert: AlertWithDiagnosis; d: AlertDiagnosis }) {
  const { t, lang } = useLang();
  const catalog = useCatalog();
  const topRank = d.unknown ? undefined : d.ranking[0];
  const top = d.top;
  const meme = d.meme ?? (d.topClassId ? catalog.memeByClass.get(d.topClassId) : undefined);
  const evidence = topRank?.evidence ?? [];
  const spans = evidence.filter((e): e is Extract<Evidence, { kind: 'text-span' }> => e.kind === 'text-span');
  const needles = spans.map((s) => ({ text: s.text, title: s.signature }));
  const lines = alertLines(alert);
  const matched = lines.map((l) => ({ ...l, ranges: findOccurrences(l.value, needles) }));
  const otherTitle = top ? (lang === 'zh' ? top.title : top.titleZh) : '';

  return (
    <section className="card diagnosis-card" aria-labelledby="diag-h">
      <div className="card-head">
        <h2 id="diag-h">{t('diagnosis.title')}</h2>
        <span className="hint small">{t('diagnosis.id', { id: d.id.slice(0, 8) })}</span>
      </div>

      {topRank && d.topClassId ? (
        <div className="verdict">
          <MemeSymbol meme={meme} size="lg" />
          <div className="verdict-main">
            <div className="k">{t('diagnosis.likelyCause')}</div>
            <h3 className="verdict-title" data-testid="root-cause-title">
              {top ? (lang === 'zh' ? top.titleZh : top.title) : catalog.title(d.topClassId, lang)}
            </h3>
            {otherTitle && (
              <div className="hint" lang={lang === 'zh' ? 'en' : 'zh'}>
                {otherTitle}
              </div>
            )}
            <div className="confidence">
              <span className="k">{t('common.confidence')}</span>
              <ConfidenceMeter value={topRank.confidence} />
              <Link href={rootCauseLink(d.topClassId)} className="small">
                {d.topClassId} →
              </Link>
            </div>
            {meme && (
              <p className="meme-line" lang={lang === 'zh' ? 'zh' : 'en'}>
                <strong>“{pick(lang, meme.caption)}”</strong> <span className="hint">{pick(lang, meme.explanation)}</span>
              </p>
            )}
          </div>
        </div>
      ) : (
        <p className="notice">
          <strong>{t('diagnosis.unknown')}</strong> {t('diagnosis.unknownHint')}
        </p>
      )}

      {top?.summary && <p className="explanation">{top.summary}</p>}

      {topRank && (
        <>
          <h4>{t('diagnosis.evidence')}</h4>
          <EvidenceList evidence={evidence} lang={lang} />
          {spans.length > 0 && (
            <div className="alert-text" aria-label={t('diagnosis.matchedText')}>
              {matched.map((l) => (
                <div key={l.key} className={l.ranges.length ? 'line hit' : 'line'}>
                  <span className="line-key">{l.key}:</span> <HighlightedText text={l.value} ranges={l.ranges} />
                </div>
              ))}
            </div>
          )}
        </>
      )}

      <RankingList ranking={d.ranking} skip={topRank ? 1 : 0} heading={topRank ? t('diagnosis.alternatives') : t('diagnosis.candidates')} />

      {top && top.runbook.length > 0 && (
        <>
          <h4>{t('runbook.steps')}</h4>
          <RunbookSteps steps={top.runbook} />
        </>
      )}
      {top && top.verification.length > 0 && (
        <>
          <h4>{t('runbook.verification')}</h4>
          <VerificationQueries items={top.verification} />
        </>
      )}
      {top && top.rollback.length > 0 && (
        <>
          <h4>{t('runbook.rollback')}</h4>
          <RollbackChecklist items={top.rollback} storageKey={`memegraph.rollback.${d.id}`} />
        </>
      )}

      <FeedbackBox diagnosisId={d.id} topClassId={topRank ? d.topClassId : null} />
    </section>
  );
}

function EvidenceList({ evidence, lang }: { evidence: Evidence[]; lang: Lang }) {
  const { t } = useLang();
  const catalog = useCatalog();
  // One chip per distinct matched text/signature.
  const seen = new Set<string>();
  return (
    <ul className="evidence-list">
      {evidence.map((e, i) => {
        switch (e.kind) {
          case 'alertname':
            return (
              <li key={i}>
                <span className="ev-kind">{t('evidence.alertname')}</span> <code>{e.value}</code>
              </li>
            );
          case 'label':
            return (
              <li key={i}>
                <span className="ev-kind">{t('evidence.label')}</span>{' '}
                <code>
                  {e.key}={e.value}
                </code>
              </li>
            );
          case 'text-span': {
            const k = `${e.signature ?? ''}|${e.text}`;
            if (seen.has(k)) return null;
            seen.add(k);
            return (
              <li key={i}>
                <span className="ev-kind">{t('evidence.text')}</span> <mark>{e.text}</mark>
                {e.signature && <span className="hint small"> {e.signature}</span>}
              </li>
            );
          }
          case 'finding':
            return (
              <li key={i}>
                <span className="ev-kind">{t('evidence.finding')}</span> {catalog.title(e.classId, lang)} <span className="hint small">{formatConfidence(e.confidence)}</span>
              </li>
            );
          case 'model':
            return e.terms.length ? (
              <li key={i}>
                <span className="ev-kind">{t('evidence.model')}</span>{' '}
                {e.terms.map((term) => (
                  <span key={term} className="chip term">
                    {term}
                  </span>
                ))}
              </li>
            ) : null;
          default:
            return null;
        }
      })}
    </ul>
  );
}

function AlertFindings({ d }: { d: AlertDiagnosis }) {
  const { lang, setLang } = useLang();
  const catalog = useCatalog();
  const findings = useMemo(() => sortFindings(findingsOf({ findings: d.findings })), [d.findings]);
  if (findings.length === 0) return null;
  return <FindingsPanel findings={findings} memes={catalog.memeById} lang={lang} onLang={setLang} />;
}

function LabelsCard({ alert }: { alert: AlertWithDiagnosis }) {
  const { t } = useLang();
  const evidenceLabels = new Set(
    (alert.diagnosis?.ranking[0]?.evidence ?? []).flatMap((e) => (e.kind === 'label' ? [`${e.key}=${e.value}`] : [])),
  );
  const entries = Object.entries(alert.labels).sort(([a], [b]) => (a < b ? -1 : 1));
  return (
    <section className="card" aria-labelledby="labels-h">
      <h2 id="labels-h">{t('alert.labels')}</h2>
      <ul className="label-chips">
        {entries.map(([k, v]) => (
          <li key={k} className={evidenceLabels.has(`${k}=${v}`) ? 'hit' : undefined}>
            <span className="lk">{k}</span>
            <span className="lv">{v}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function StepsCard({ steps }: { steps: EnrichmentStep[] }) {
  const { t } = useLang();
  const total = steps.reduce((s, x) => s + (x.ms || 0), 0);
  return (
    <section className="card" aria-labelledby="steps-h">
      <div className="card-head">
        <h2 id="steps-h">{t('alert.steps')}</h2>
        <span className="hint small">{t('alert.stepsTotal', { ms: total })}</span>
      </div>
      <ol className="timeline">
        {steps.map((s, i) => (
          <li key={i} className={`step-${s.status}`}>
            <span className="tl-dot" aria-hidden />
            <div>
              <strong>{s.name}</strong> <span className={`badge step-badge step-${s.status}`}>{s.status}</span> <span className="hint small">{s.ms} ms</span>
              {s.detail && <div className="small">{s.detail}</div>}
              {s.error && <div className="small error">{s.error}</div>}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

function ProfilesCard({ ids }: { ids: string[] }) {
  const { t } = useLang();
  const [records, setRecords] = useState<Map<string, ProfileRecord>>(() => new Map());
  useEffect(() => {
    const ac = new AbortController();
    void Promise.all(ids.map((id) => getProfile(id, ac.signal).catch(() => undefined))).then((rs) => {
      if (!ac.signal.aborted) setRecords(new Map(rs.filter((r): r is NonNullable<typeof r> => !!r).map((r) => [r.id, r])));
    });
    return () => ac.abort();
  }, [ids]);
  return (
    <section className="card" aria-labelledby="profiles-h">
      <h2 id="profiles-h">{t('alert.profiles')}</h2>
      {ids.length === 0 ? (
        <p className="hint small">{t('alert.noProfiles')}</p>
      ) : (
        <ul className="link-list">
          {ids.map((id) => {
            const r = records.get(id);
            return (
              <li key={id}>
                <Link href={profileLink(id)}>{r?.filename ?? id}</Link>
                {r?.summary?.kind && <span className="badge kind">{r.summary.kind}</span>}
                {r && r.status !== 'done' && <span className={`badge status-${r.status}`}>{r.status}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function SimilarCard({ d, exclude }: { d: AlertDiagnosis; exclude?: string }) {
  const { t, lang } = useLang();
  const catalog = useCatalog();
  const similar = d.similarIncidents.filter((s) => s.id !== exclude);
  return (
    <section className="card" aria-labelledby="similar-h">
      <h2 id="similar-h">{t('alert.similar')}</h2>
      {similar.length === 0 ? (
        <p className="hint small">{t('alert.noSimilar')}</p>
      ) : (
        <ul className="similar">
          {similar.map((s) => (
            <li key={s.id}>
              <div>
                <MemeSymbol meme={s.classId ? catalog.memeByClass.get(s.classId) : undefined} />{' '}
                <Link href={graphLink(`Incident:${s.id}`)}>{s.title || s.id}</Link>
              </div>
              <div className="hint small">
                {[s.service, s.classId ? catalog.title(s.classId, lang) : undefined, s.openedAt ? timeAgo(s.openedAt, Date.now(), lang) : undefined, s.alertCount ? t('alert.alertsN', { n: s.alertCount }) : undefined]
                  .filter(Boolean)
                  .join(' · ')}
              </div>
              {s.fixes && s.fixes.length > 0 && (
                <div className="small">
                  <span className="k">{t('alert.fixes')}</span>
                  {s.fixes.join('; ')}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
