'use client';

import { type MemeSubmission } from '@memegraph/contracts';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { errorText, listMemeSubmissions, memeImageUrl } from '../../lib/api';
import { useCatalog } from '../../lib/catalog';
import { timeAgo } from '../../lib/format';
import { pick, useLang } from '../../lib/i18n';
import { graphLink, rootCauseLink } from '../../lib/links';
import { MemeSymbol } from '../_components/meme-symbol';
import { SubmissionPanel } from './submission-panel';
import { SubmitPanel } from './submit-panel';

export function MemesView() {
  const { t, lang } = useLang();
  const catalog = useCatalog();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [current, setCurrent] = useState<string | undefined>(() => params.get('id') ?? undefined);
  const [published, setPublished] = useState<MemeSubmission[]>([]);
  const [recent, setRecent] = useState<MemeSubmission[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string>();

  const refresh = useCallback(async () => {
    try {
      const [p, r] = await Promise.all([listMemeSubmissions('published', 48), listMemeSubmissions(undefined, 12)]);
      setPublished(p.items);
      setRecent(r.items.filter((s) => s.status !== 'published'));
      setError(undefined);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setLoaded(true);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const open = (id: string | undefined) => {
    setCurrent(id);
    router.replace(id ? `${pathname}?id=${encodeURIComponent(id)}` : pathname, { scroll: false });
  };

  return (
    <>
      <h1>{t('memes.title')}</h1>
      <p className="hint">{t('memes.intro')}</p>

      <SubmitPanel
        onSubmitted={(s) => {
          open(s.id);
          void refresh();
        }}
      />

      {current && (
        <SubmissionPanel
          key={current}
          id={current}
          onChange={() => void refresh()}
          onClose={() => open(undefined)}
        />
      )}

      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}

      {recent.length > 0 && (
        <section className="card" aria-labelledby="recent-h">
          <div className="card-head">
            <h2 id="recent-h">{t('memes.recent')}</h2>
            <span className="hint small">{t('memes.recentHint')}</span>
          </div>
          <ul className="recent-list">
            {recent.map((s) => (
              <li key={s.id}>
                <button type="button" className="link" onClick={() => open(s.id)} aria-current={s.id === current ? 'true' : undefined}>
                  {s.caption || t('memes.untitled')}
                </button>
                <span className={`badge status-${s.status}`}>{t(`memeStatus.${s.status}`)}</span>
                <span className="hint small">
                  {s.submittedBy} · {timeAgo(s.createdAt, Date.now(), lang)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="gallery-h" className="gallery-section">
        <div className="card-head">
          <h2 id="gallery-h">{t('memes.gallery')}</h2>
          <span className="hint small">{t('memes.galleryHint')}</span>
        </div>
        {published.length === 0 ? (
          <p className="notice">{loaded ? t('memes.galleryEmpty') : t('common.loading')}</p>
        ) : (
          <ul className="gallery" aria-label={t('memes.gallery')}>
            {published.map((s) => {
              const classId = s.runbook?.classId ?? s.suggestions[0]?.classId;
              const meme = classId ? catalog.memeByClass.get(classId) : undefined;
              return (
                <li key={s.id} className="gallery-card" data-meme-id={s.id}>
                  <button type="button" className="gallery-img" onClick={() => open(s.id)} aria-label={t('memes.openSubmission', { caption: s.caption || s.runbook?.title || s.id })}>
                    <img src={memeImageUrl(s.id)} alt="" loading="lazy" />
                  </button>
                  <div className="gallery-body">
                    <div className="gallery-caption">
                      <MemeSymbol meme={meme} />
                      <strong>{s.caption || s.runbook?.title || t('memes.untitled')}</strong>
                    </div>
                    {s.runbook?.title && s.runbook.title !== s.caption && <div className="small">{s.runbook.title}</div>}
                    <div className="small links">
                      {classId && <Link href={rootCauseLink(classId)}>{catalog.title(classId, lang)}</Link>}
                      {s.incidentId && <Link href={graphLink(`Incident:${s.incidentId}`)}>{t('memes.incident')}</Link>}
                    </div>
                    <div className="hint small">
                      {[s.service, s.submittedBy, timeAgo(s.createdAt, Date.now(), lang)].filter(Boolean).join(' · ')}
                      {s.tags.map((tag) => (
                        <span key={tag} className="tag">
                          {tag}
                        </span>
                      ))}
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="catalog-h" className="catalog-section">
        <div className="card-head">
          <h2 id="catalog-h">{t('memes.catalog')}</h2>
          <span className="hint small">{t('memes.catalogHint', { n: catalog.memes.length })}</span>
        </div>
        <ul className="catalog">
          {catalog.memes.map((m) => (
            <li key={m.id} className="catalog-card" style={{ borderTopColor: m.color }}>
              <MemeSymbol meme={m} size="md" />
              <div>
                <div className="meme-caption" lang={lang === 'zh' ? 'zh' : 'en'}>
                  “{pick(lang, m.caption)}”
                </div>
                <div className="hint small" lang={lang === 'zh' ? 'en' : 'zh'}>
                  {pick(lang === 'zh' ? 'en' : 'zh', m.caption)}
                </div>
                <div className="small">{pick(lang, m.explanation)}</div>
                <Link href={rootCauseLink(m.classId)} className="small">
                  {catalog.title(m.classId, lang)} →
                </Link>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
