'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { ApiError, errorText, getRootCause, memeBadgeUrl, memeImageUrl } from '../../../lib/api';
import { useCatalog } from '../../../lib/catalog';
import { formatDateTime, timeAgo } from '../../../lib/format';
import { pick, useLang } from '../../../lib/i18n';
import { graphLink, memeLink, rootCauseLink } from '../../../lib/links';
import { type GraphNode, type RootCausePage } from '../../../lib/types';
import { MemeSymbol } from '../../_components/meme-symbol';
import { RollbackChecklist, RunbookSteps, VerificationQueries } from '../../_components/runbook';
import { IncidentChart } from './incident-chart';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

export function RootCauseView({ classId }: { classId: string }) {
  const { t, lang } = useLang();
  const catalog = useCatalog();
  const [page, setPage] = useState<RootCausePage>();
  const [error, setError] = useState<{ status: number; text: string }>();
  const [more, setMore] = useState<{ items: GraphNode[]; cursor?: string; loading: boolean }>({ items: [], loading: false });

  useEffect(() => {
    const ac = new AbortController();
    getRootCause(classId, undefined, ac.signal)
      .then((p) => {
        setPage(p);
        setMore({ items: [], cursor: p.incidents.nextCursor, loading: false });
      })
      .catch((err: unknown) => {
        if (!ac.signal.aborted) setError({ status: err instanceof ApiError ? err.status : 0, text: errorText(err) });
      });
    return () => ac.abort();
  }, [classId]);

  async function loadMore() {
    if (!more.cursor) return;
    setMore((m) => ({ ...m, loading: true }));
    try {
      const p = await getRootCause(classId, more.cursor);
      setMore((m) => ({ items: [...m.items, ...p.incidents.latest], cursor: p.incidents.nextCursor, loading: false }));
    } catch (err) {
      setMore((m) => ({ ...m, loading: false }));
      setError({ status: 0, text: errorText(err) });
    }
  }

  const back = (
    <p className="back">
      <Link href="/root-causes">← {t('nav.rootCauses')}</Link>
    </p>
  );
  if (error && !page) {
    return (
      <section>
        {back}
        <h1>{classId}</h1>
        <p role="alert" className="error">
          {error.status === 404 ? t('rootCause.notFound') : error.text}
        </p>
      </section>
    );
  }
  if (!page) {
    return (
      <section aria-busy>
        {back}
        <div className="skeleton" />
      </section>
    );
  }

  const k = page.knowledge;
  const meme = catalog.memeByClass.get(classId);
  const title = k ? pick(lang, k.title) : page.node.title;
  const otherTitle = k ? pick(lang === 'zh' ? 'en' : 'zh', k.title) : undefined;
  const published = page.memes.filter((m) => m.props.builtin === false);
  const incidents = [...page.incidents.latest, ...more.items];

  return (
    <div className="root-cause-page">
      {back}
      <header className="card rc-head">
        <MemeSymbol meme={meme} size="lg" />
        <div className="rc-head-main">
          <h1>{title}</h1>
          {otherTitle && otherTitle !== title && (
            <div className="hint" lang={lang === 'zh' ? 'en' : 'zh'}>
              {otherTitle}
            </div>
          )}
          <div className="rc-tags">
            <code>{classId}</code>
            {page.domain && <span className="tag">{page.domain === 'go-runtime' ? t('rootCauses.goRuntime') : page.domain === 'platform' ? t('rootCauses.platform') : page.domain}</span>}
            <Link href={graphLink(page.id)} className="small">
              {t('rootCause.inGraph')}
            </Link>
            <Link href={`/?classId=${encodeURIComponent(classId)}`} className="small">
              {t('rootCause.alerts')}
            </Link>
          </div>
          {meme && (
            <div className="meme-captions">
              <div className="meme-caption" lang="zh">
                “{meme.caption.zh}”
              </div>
              <div className="meme-caption" lang="en">
                “{meme.caption.en}”
              </div>
              <p className="hint">{pick(lang, meme.explanation)}</p>
              <img className="meme-badge" src={memeBadgeUrl(meme.id)} alt={t('rootCause.badge', { caption: pick(lang, meme.caption) })} height={28} />
            </div>
          )}
        </div>
        <dl className="facts rc-facts">
          <div>
            <dt>{t('rootCause.incidents90')}</dt>
            <dd>{page.incidents.perDay.reduce((s, d) => s + d.count, 0)}</dd>
          </div>
          <div>
            <dt>{t('rootCauses.incidentsAll')}</dt>
            <dd>{page.incidents.total}</dd>
          </div>
          <div>
            <dt>{t('rootCauses.memes')}</dt>
            <dd>{page.memeCount}</dd>
          </div>
          <div>
            <dt>{t('rootCauses.fixes')}</dt>
            <dd>{page.fixCount}</dd>
          </div>
        </dl>
      </header>

      <div className="alert-grid">
        <div className="alert-main">
          {k ? (
            <section className="card" aria-labelledby="kb-h">
              <h2 id="kb-h">{t('rootCause.explanation')}</h2>
              <p className="explanation">{pick(lang, k.summary)}</p>
              <h4>{t('runbook.steps')}</h4>
              <RunbookSteps steps={k.runbook} />
              <h4>{t('runbook.verification')}</h4>
              <VerificationQueries items={k.verification} />
              <h4>{t('runbook.rollback')}</h4>
              <RollbackChecklist items={k.rollback} />
            </section>
          ) : (
            <p className="notice">{t('rootCause.noKnowledge')}</p>
          )}

          {k && k.signals.length > 0 && (
            <section className="card" aria-labelledby="signals-h">
              <h2 id="signals-h">{t('rootCause.signals')}</h2>
              <ul className="signals">
                {k.signals.map((s, i) => (
                  <li key={i}>
                    <span className="tag">{s.source}</span> <span>{s.text}</span>
                  </li>
                ))}
              </ul>
              {k.alertRules.length > 0 && (
                <>
                  <h4>{t('rootCause.alertRules')}</h4>
                  <p className="rules">
                    {k.alertRules.map((r) => (
                      <code key={r}>{r}</code>
                    ))}
                  </p>
                </>
              )}
              {k.confusableWith && k.confusableWith.length > 0 && (
                <>
                  <h4>{t('rootCause.confusable')}</h4>
                  <ul className="confusable">
                    {k.confusableWith.map((c) => (
                      <li key={c.classId}>
                        <MemeSymbol meme={catalog.memeByClass.get(c.classId)} /> <Link href={rootCauseLink(c.classId)}>{catalog.title(c.classId, lang)}</Link>
                        <div className="hint small">{c.howToTell}</div>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </section>
          )}
        </div>

        <aside className="alert-side" aria-label={t('rootCause.history')}>
          <section className="card" aria-labelledby="inc-h">
            <div className="card-head">
              <h2 id="inc-h">{t('rootCause.overTime', { days: page.incidents.days })}</h2>
            </div>
            <IncidentChart perDay={page.incidents.perDay} />
            <h4>{t('rootCause.latest')}</h4>
            {incidents.length === 0 ? (
              <p className="hint small">{t('rootCause.noIncidents')}</p>
            ) : (
              <ul className="similar">
                {incidents.map((n) => (
                  <li key={n.id}>
                    <Link href={graphLink(n.id)}>{n.title}</Link>
                    <div className="hint small">
                      {[str(n.props.service), str(n.props.openedAt) ? timeAgo(String(n.props.openedAt), Date.now(), lang) : undefined, typeof n.props.alertCount === 'number' && n.props.alertCount > 0 ? t('alert.alertsN', { n: n.props.alertCount }) : undefined, str(n.props.source) === 'meme' ? t('rootCause.fromMeme') : undefined]
                        .filter(Boolean)
                        .join(' · ')}
                    </div>
                  </li>
                ))}
              </ul>
            )}
            {more.cursor && (
              <button type="button" className="ghost small" onClick={() => void loadMore()} disabled={more.loading}>
                {more.loading ? t('common.loading') : t('common.loadMore')}
              </button>
            )}
          </section>

          <section className="card" aria-labelledby="fixes-h">
            <h2 id="fixes-h">{t('rootCause.fixesCommits')}</h2>
            {page.fixes.length === 0 ? (
              <p className="hint small">{t('rootCause.noFixes')}</p>
            ) : (
              <ul className="fixes">
                {page.fixes.map((f) => (
                  <li key={f.id}>
                    <strong>{f.title}</strong>
                    {str(f.props.description) && <div className="small">{String(f.props.description)}</div>}
                    {str(f.props.createdAt) && <div className="hint small">{formatDateTime(String(f.props.createdAt), lang)}</div>}
                    {f.commits.length > 0 && (
                      <ul className="commits">
                        {f.commits.map((c) => (
                          <li key={c.id}>
                            <code>{String(c.props.hash ?? c.id.slice('Commit:'.length)).slice(0, 12)}</code> <span>{str(c.props.message) ?? ''}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="card" aria-labelledby="memes-h">
            <h2 id="memes-h">{t('rootCause.relatedMemes')}</h2>
            {published.length === 0 ? (
              <p className="hint small">{t('rootCause.noMemes')}</p>
            ) : (
              <ul className="mini-gallery">
                {published.map((m) => {
                  const key = m.id.slice('Meme:'.length);
                  const caption = str(m.props.caption) ?? m.title;
                  return (
                    <li key={m.id}>
                      <Link href={memeLink(key)}>
                        <img src={memeImageUrl(key)} alt={caption} loading="lazy" />
                        <span className="small">{caption}</span>
                      </Link>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}
