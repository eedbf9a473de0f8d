'use client';

import { useEffect, useState } from 'react';
import { type Finding, findingAnchorId, type FindingEvidence } from '../../lib/findings';
import { formatPercent } from '../../lib/format';
import { type MessageKey, useLang } from '../../lib/i18n';
import { type Meme } from '../../lib/types';
import { ConfidenceMeter } from './confidence-meter';
import { CopyButton } from './copy-button';

export interface FindingsPanelProps {
  findings: Finding[];
  memes: Map<string, Meme>;
  lang: 'en' | 'zh';
  onLang: (l: 'en' | 'zh') => void;
  /** Frame names link here (the flame graph search); without it they are plain text. */
  onFrame?: (name: string) => void;
  highlighted?: string;
}

const SEVERITY_LABEL: Record<string, MessageKey> = { critical: 'severity.critical', warning: 'severity.warning', info: 'severity.info' };

/** What the diagnosis says: one card per finding, most severe first. */
export function FindingsPanel({ findings, memes, lang, onLang, onFrame, highlighted }: FindingsPanelProps) {
  const { t } = useLang();
  const counts = findings.reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.severity]: (acc[f.severity] ?? 0) + 1 }), {});
  return (
    <section className="card findings" aria-labelledby="findings-h">
      <div className="card-head">
        <h2 id="findings-h">{t('findings.title')}</h2>
        <span className="hint small">
          {(['critical', 'warning', 'info'] as const)
            .filter((s) => counts[s])
            .map((s) => `${counts[s]} ${t(SEVERITY_LABEL[s]!)}`)
            .join(' · ')}
        </span>
        <span className="spacer" />
        <div className="seg" role="group" aria-label={t('findings.captionLang')}>
          <button type="button" aria-pressed={lang === 'en'} onClick={() => onLang('en')}>
            EN
          </button>
          <button type="button" aria-pressed={lang === 'zh'} onClick={() => onLang('zh')} lang="zh">
            中文
          </button>
        </div>
      </div>
      <ol className="finding-list">
        {findings.map((f, i) => (
          <FindingCard key={f.id} f={f} meme={memes.get(f.memeId)} lang={lang} onFrame={onFrame} highlighted={highlighted === f.id} initiallyOpen={i < 2} />
        ))}
      </ol>
    </section>
  );
}

interface FindingCardProps {
  f: Finding;
  meme?: Meme;
  lang: 'en' | 'zh';
  onFrame?: (n: string) => void;
  highlighted: boolean;
  initiallyOpen: boolean;
}

/** One finding; the two most severe start open, the rest show their head until asked (or jumped to from a badge). */
function FindingCard({ f, meme, lang, onFrame, highlighted, initiallyOpen }: FindingCardProps) {
  const { t } = useLang();
  const [open, setOpen] = useState(initiallyOpen);
  useEffect(() => {
    if (highlighted) setOpen(true);
  }, [highlighted]);
  const bodyId = `${findingAnchorId(f.id)}-body`;
  return (
    <li id={findingAnchorId(f.id)} className={`finding sev-${f.severity}${highlighted ? ' flash' : ''}`} tabIndex={-1} aria-labelledby={`${findingAnchorId(f.id)}-t`}>
      <div className="finding-meme" style={{ borderColor: meme?.color }}>
        <span className="meme-symbol" style={{ background: meme?.color ?? 'var(--muted)' }} aria-hidden>
          {meme?.symbol ?? '⚠️'}
        </span>
        {meme && (
          <div>
            <div className="meme-caption" lang={lang === 'zh' ? 'zh' : 'en'}>
              “{meme.caption[lang]}”
            </div>
            <div className="hint small" lang={lang === 'zh' ? 'zh' : 'en'}>
              {meme.explanation[lang]}
            </div>
          </div>
        )}
      </div>
      <div className="finding-main">
        <div className="finding-head">
          <span className={`badge sev sev-${f.severity}`}>{SEVERITY_LABEL[f.severity] ? t(SEVERITY_LABEL[f.severity]!) : f.severity}</span>
          <h3 id={`${findingAnchorId(f.id)}-t`}>{f.title}</h3>
          <span className="spacer" />
          <button type="button" className="ghost small" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen((v) => !v)}>
            {open ? t('common.less') : t('common.details')}
          </button>
        </div>
        <div className="confidence">
          <span className="k">{t('common.confidence')}</span>
          <ConfidenceMeter value={f.confidence} />
          <span className="hint small">{f.classId}</span>
        </div>
        <p className="explanation">{f.explanation}</p>
        <div id={bodyId} hidden={!open}>
          <Evidence e={f.evidence} onFrame={onFrame} />
          {f.fix.length > 0 && (
            <>
              <h4>{t('findings.fix')}</h4>
              <ol className="steps">
                {f.fix.map((step, i) => (
                  <li key={i}>
                    <span className="step-no" aria-hidden>
                      {i + 1}
                    </span>
                    <span className="step-text">{step}</span>
                    <CopyButton text={step} label={t('findings.copyFix', { n: i + 1 })} />
                  </li>
                ))}
              </ol>
            </>
          )}
          {f.reproduce.length > 0 && (
            <>
              <h4>{t('findings.reproduce')}</h4>
              <ul className="commands">
                {f.reproduce.map((cmd, i) => (
                  <li key={i}>
                    <pre>
                      <code>{cmd}</code>
                    </pre>
                    <CopyButton text={cmd} label={t('findings.copyCommand', { n: i + 1 })} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
    </li>
  );
}

const isNumberRecord = (x: unknown): x is Record<string, number | string> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && Object.values(x).every((v) => typeof v === 'number' || typeof v === 'string');

function KeyValues({ title, data, pct }: { title: string; data: unknown; pct?: boolean }) {
  if (!isNumberRecord(data) || Object.keys(data).length === 0) return null;
  return (
    <div className="kv">
      <h4>{title}</h4>
      <dl>
        {Object.entries(data).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{typeof v === 'number' ? (pct ? formatPercent(v) : v.toLocaleString('en-US')) : v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function Evidence({ e, onFrame }: { e: FindingEvidence; onFrame?: (n: string) => void }) {
  const { t } = useLang();
  const notes = typeof e.notes === 'string' ? [e.notes] : Array.isArray(e.notes) ? e.notes : [];
  const stacks = Array.isArray(e.stacks) ? e.stacks : [];
  const has = (e.frames?.length ?? 0) > 0 || notes.length > 0 || stacks.length > 0 || e.percentages || e.counts || e.growth;
  if (!has) return null;
  return (
    <div className="evidence">
      {e.frames && e.frames.length > 0 && (
        <table className="frames" aria-label={t('findings.frames')}>
          <thead>
            <tr>
              <th scope="col">{t('findings.frame')}</th>
              <th scope="col" className="num">
                {t('findings.flat')}
              </th>
              <th scope="col" className="num">
                {t('findings.cum')}
              </th>
            </tr>
          </thead>
          <tbody>
            {e.frames.map((fr, i) => (
              <tr key={`${fr.name}:${i}`}>
                <td>
                  {onFrame ? (
                    <button type="button" className="link fn-link" onClick={() => onFrame(fr.name)} title={t('findings.highlightInFlame')}>
                      {fr.name}
                    </button>
                  ) : (
                    <code className="fn">{fr.name}</code>
                  )}
                </td>
                <td className="num">{fr.flatPct !== undefined ? formatPercent(fr.flatPct) : '—'}</td>
                <td className="num">{fr.cumPct !== undefined ? formatPercent(fr.cumPct) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="kv-row">
        <KeyValues title={t('findings.percentages')} data={e.percentages} pct />
        <KeyValues title={t('findings.counts')} data={e.counts} />
        <KeyValues title={t('findings.growth')} data={e.growth} />
      </div>
      {stacks.length > 0 && (
        <details>
          <summary>{t(stacks.length === 1 ? 'findings.stack' : 'findings.stacks', { n: stacks.length })}</summary>
          {stacks.map((s, i) => (
            <ol key={i} className="stack">
              {(Array.isArray(s) ? s : String(s).split(/\r?\n|;/)).map((fr, k) => (
                <li key={k}>
                  <code>{fr}</code>
                </li>
              ))}
            </ol>
          ))}
        </details>
      )}
      {notes.length > 0 && (
        <ul className="notes">
          {notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
