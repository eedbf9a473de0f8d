'use client';

import { type MemeSubmission } from '@memegraph/contracts';
import Link from 'next/link';
import { useState } from 'react';
import { getMemeSubmission, memeImageUrl } from '../../lib/api';
import { useCatalog } from '../../lib/catalog';
import { formatBytes, timeAgo } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { graphLink, rootCauseLink } from '../../lib/links';
import { useNow } from '../../lib/use-now';
import { type LoadError, usePolling } from '../../lib/use-polling';
import { ConfidenceMeter } from '../_components/confidence-meter';
import { findOccurrences, HighlightedText, type TextRange } from '../_components/highlighted-text';
import { MemeSymbol } from '../_components/meme-symbol';
import { RunbookForm } from './runbook-form';

const POLL_MS = 1000;
const busy = (s?: MemeSubmission) => !s || s.status === 'queued' || s.status === 'processing';

/** Signature ranges in the OCR text: their offsets when given, else where their text occurs. */
function signatureRanges(text: string, sigs: NonNullable<MemeSubmission['ocr']>['signatures']): TextRange[] {
  const out: TextRange[] = [];
  for (const s of sigs) {
    if (typeof s.start === 'number' && typeof s.end === 'number' && s.end > s.start) out.push({ start: s.start, end: s.end, title: s.kind });
    else out.push(...findOccurrences(text, [{ text: s.text, title: s.kind }]));
  }
  return out;
}

/** One submission: OCR progress, the recognised text with its signatures, suggested classes, and the runbook form. */
export function SubmissionPanel({ id, onChange, onClose }: { id: string; onChange: (s: MemeSubmission) => void; onClose: () => void }) {
  const { t, lang } = useLang();
  const catalog = useCatalog();
  const [sub, setSub] = useState<MemeSubmission>();
  const [error, setError] = useState<LoadError>();
  const [startedAt] = useState(() => Date.now());
  const now = useNow(1000);

  const polling = busy(sub);
  usePolling({
    active: polling,
    key: id,
    intervalMs: POLL_MS,
    load: (signal) => getMemeSubmission(id, signal),
    again: (s) => {
      if (!busy(s)) onChange(s);
      return busy(s);
    },
    onValue: setSub,
    onError: setError,
  });

  const update = (s: MemeSubmission) => {
    setSub(s);
    onChange(s);
  };

  if (error && !sub) {
    return (
      <section className="card" aria-label={t('memes.submission')}>
        <p role="alert" className="error">
          {error.status === 404 ? t('memes.notFound') : error.text}
        </p>
        <button type="button" className="ghost small" onClick={onClose}>
          {t('common.close')}
        </button>
      </section>
    );
  }

  const ocr = sub?.ocr;
  const step = !sub ? 0 : sub.status === 'queued' ? 1 : sub.status === 'processing' ? 2 : sub.status === 'failed' ? 2 : 4;
  return (
    <section className="card submission" aria-labelledby="sub-h" data-status={sub?.status} data-testid="meme-submission">
      <div className="card-head">
        <h2 id="sub-h">{sub?.caption || t('memes.submission')}</h2>
        {sub && <span className={`badge status-${sub.status}`}>{t(`memeStatus.${sub.status}`)}</span>}
        <span className="spacer" />
        <button type="button" className="ghost small" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>

      <div className="submission-grid">
        <div className="submission-image">
          {sub && <img src={memeImageUrl(sub.id)} alt={sub.caption ? t('memes.imageOf', { caption: sub.caption }) : t('memes.image')} />}
          {sub && (
            <div className="hint small">
              {sub.image.format.toUpperCase()} · {sub.image.width}×{sub.image.height} · {formatBytes(sub.image.size)} · {sub.submittedBy} · {timeAgo(sub.createdAt, now, lang)}
              {sub.service && ` · ${sub.service}`}
              {sub.tags.length > 0 && sub.tags.map((tag) => <span key={tag} className="tag">{tag}</span>)}
            </div>
          )}
        </div>

        <div className="submission-main">
          <ol className="progress-steps" aria-label={t('memes.progress')}>
            {[t('memes.stepUploaded'), t('memes.stepOcr'), t('memes.stepSuggest')].map((label, i) => (
              <li key={i} className={step > i + 1 || (i === 0 && step >= 1) ? 'done' : step === i + 1 ? 'active' : ''}>
                {label}
              </li>
            ))}
          </ol>
          {polling && (
            <div role="status" aria-live="polite" className="ocr-wait">
              <progress aria-label={t('memes.ocrRunning')} />
              <span className="hint small">
                <span className="spinner" aria-hidden /> {sub?.status === 'processing' ? t('memes.ocrRunning') : t('memes.ocrQueued')} ({Math.round((now - startedAt) / 1000)} s)
              </span>
            </div>
          )}
          {sub?.status === 'failed' && (
            <p role="alert" className="error">
              {t('memes.ocrFailed')}
              {sub.error ? `: ${sub.error.code}: ${sub.error.message}` : ''}
            </p>
          )}

          {ocr && (
            <>
              <h4>
                {t('memes.ocrText')}{' '}
                <span className="hint small">{t('memes.ocrMeta', { conf: Math.round(ocr.confidence > 1 ? ocr.confidence : ocr.confidence * 100), ms: Math.round(ocr.ms) })}</span>
              </h4>
              {ocr.text.trim() ? (
                <pre className="code-block ocr-text" data-testid="ocr-text">
                  <HighlightedText text={ocr.text} ranges={signatureRanges(ocr.text, ocr.signatures)} />
                </pre>
              ) : (
                <p className="hint">{t('memes.ocrEmpty')}</p>
              )}
              {ocr.signatures.length > 0 && (
                <ul className="sig-list" aria-label={t('memes.signatures')}>
                  {ocr.signatures.map((s, i) => (
                    <li key={i}>
                      <span className="chip">
                        <span className="k">{s.kind}</span>
                        <code>{s.text}</code>
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}

          {sub && !polling && (
            <>
              <h4>{t('memes.suggestions')}</h4>
              {sub.suggestions.length === 0 ? (
                <p className="hint small">{t('memes.noSuggestions')}</p>
              ) : (
                <ul className="ranking" aria-label={t('memes.suggestions')}>
                  {sub.suggestions.map((s) => (
                    <li key={s.classId}>
                      <MemeSymbol meme={catalog.memeByClass.get(s.classId)} />
                      <Link href={rootCauseLink(s.classId)}>{catalog.title(s.classId, lang)}</Link>
                      <span className="hint small">{s.classId}</span>
                      <ConfidenceMeter value={s.confidence} compact />
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
      </div>

      {sub?.status === 'published' && (
        <div className="notice published" role="status">
          <strong>{t('memes.published')}</strong>{' '}
          {sub.runbook && <Link href={rootCauseLink(sub.runbook.classId)}>{catalog.title(sub.runbook.classId, lang)}</Link>}
          {sub.incidentId && (
            <>
              {' · '}
              <Link href={graphLink(`Incident:${sub.incidentId}`)}>{t('memes.incidentInGraph')}</Link>
            </>
          )}
        </div>
      )}
      {sub && (sub.status === 'done' || sub.status === 'published') && <RunbookForm key={sub.id} submission={sub} onChange={update} />}
    </section>
  );
}
