'use client';

import Link from 'next/link';
import { useId, useState } from 'react';
import { diagnoseText, errorText } from '../../lib/api';
import { useCatalog } from '../../lib/catalog';
import { useLang } from '../../lib/i18n';
import { rootCauseLink } from '../../lib/links';
import { type DiagnoseResult } from '../../lib/types';
import { ConfidenceMeter } from '../_components/confidence-meter';
import { FeedbackBox } from '../_components/feedback-box';
import { HighlightedText, type TextRange } from '../_components/highlighted-text';
import { MemeSymbol } from '../_components/meme-symbol';
import { RankingList } from '../_components/ranking-list';

const MAX_CHARS = 200_000;

/** Paste logs, kubectl output or an alert's text and get the ranked root causes with their evidence. */
export function DiagnoseBox() {
  const { t, lang } = useLang();
  const catalog = useCatalog();
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ d: DiagnoseResult; text: string }>();
  const [error, setError] = useState<string>();

  async function run(e: React.FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      const d = await diagnoseText(text);
      setResult({ d, text: d.analyzedText ?? text });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const d = result?.d;
  const top = d && !d.unknown ? d.ranking[0] : undefined;
  const spans: TextRange[] = (top?.evidence ?? []).flatMap((ev) => (ev.kind === 'text-span' ? [{ start: ev.start, end: ev.end, title: ev.signature }] : []));

  return (
    <details className="card diagnose" open={!!result}>
      <summary>
        <h2>{t('diagnose.title')}</h2>
        <span className="hint small">{t('diagnose.hint')}</span>
      </summary>
      <form onSubmit={(e) => void run(e)} className="diagnose-form">
        <label htmlFor={`${id}-text`} className="sr-only">
          {t('diagnose.label')}
        </label>
        <textarea
          id={`${id}-text`}
          rows={7}
          maxLength={MAX_CHARS}
          spellCheck={false}
          placeholder={t('diagnose.placeholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <div className="toolbar">
          <button type="submit" disabled={busy || !text.trim()}>
            {busy ? t('diagnose.running') : t('diagnose.run')}
          </button>
          {result && (
            <button
              type="button"
              className="ghost"
              onClick={() => {
                setResult(undefined);
                setText('');
              }}
            >
              {t('common.clear')}
            </button>
          )}
          {error && (
            <span role="alert" className="error small">
              {error}
            </span>
          )}
        </div>
      </form>
      {d && result && (
        <div className="diagnose-result" aria-live="polite">
          {top ? (
            <div className="verdict">
              <MemeSymbol meme={catalog.memeByClass.get(top.classId)} size="md" />
              <div>
                <div className="k">{t('diagnosis.likelyCause')}</div>
                <Link href={rootCauseLink(top.classId)} className="verdict-title">
                  {d.top ? (lang === 'zh' ? d.top.titleZh : d.top.title) : catalog.title(top.classId, lang)}
                </Link>
                <ConfidenceMeter value={top.confidence} />
              </div>
            </div>
          ) : (
            <p className="notice">
              <strong>{t('diagnosis.unknown')}</strong> {t('diagnosis.unknownHint')}
            </p>
          )}
          <RankingList ranking={d.ranking} skip={top ? 1 : 0} heading={t('diagnosis.alternatives')} />
          {spans.length > 0 && (
            <>
              <h4>{t('diagnosis.evidenceInText')}</h4>
              <pre className="code-block evidence-text">
                <HighlightedText text={result.text} ranges={spans} />
              </pre>
            </>
          )}
          <FeedbackBox key={d.id} diagnosisId={d.id} topClassId={top?.classId ?? null} />
        </div>
      )}
    </details>
  );
}
