'use client';

import { type ProfileRecord } from '@memegraph/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { listProfiles } from '../../lib/api';
import { formatBytes, formatDuration, formatValue, timeAgo } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { UploadPanel } from './upload-panel';

const POLL_MS = 1500;

export function ProfilesView() {
  const { t, lang } = useLang();
  const [items, setItems] = useState<ProfileRecord[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<string>();
  const router = useRouter();

  const refresh = useCallback(async () => {
    try {
      setItems((await listProfiles()).items);
      setLoadError(undefined);
    } catch (err) {
      setLoadError(err instanceof Error ? err.message : String(err));
    } finally {
      setLoaded(true);
    }
  }, []);

  // Poll while anything is still queued or processing (and slowly otherwise).
  const pending = items.some((p) => p.status === 'queued' || p.status === 'processing');
  useEffect(() => {
    void refresh();
    const id = setInterval(() => void refresh(), pending ? POLL_MS : POLL_MS * 4);
    return () => clearInterval(id);
  }, [refresh, pending]);

  return (
    <>
      <UploadPanel onUploaded={() => void refresh()} />

      {loadError && (
        <p role="alert" className="error">
          {t('profiles.loadError', { error: loadError })}
        </p>
      )}

      <div className="table-scroll">
        <table className="profiles" aria-label={t('profiles.title')}>
          <thead>
            <tr>
              <th scope="col">{t('profiles.file')}</th>
              <th scope="col">{t('profiles.status')}</th>
              <th scope="col">{t('profiles.kind')}</th>
              <th scope="col">{t('profiles.samples')}</th>
              <th scope="col">{t('profiles.totals')}</th>
              <th scope="col">{t('profiles.uploaded')}</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 && (
              <tr>
                <td colSpan={6} className="hint">
                  {loaded ? t('profiles.none') : t('common.loading')}
                </td>
              </tr>
            )}
            {items.map((p) => (
              <tr
                key={p.id}
                data-profile-id={p.id}
                data-status={p.status}
                className="clickable"
                onClick={(e) => {
                  if ((e.target as HTMLElement).closest('a, button')) return;
                  router.push(`/profiles/${encodeURIComponent(p.id)}`);
                }}
              >
                <td>
                  <Link href={`/profiles/${encodeURIComponent(p.id)}`} className="filename">
                    {p.filename}
                  </Link>
                  <span className="hint small"> {formatBytes(p.size)}</span>
                </td>
                <td>
                  <span className={`badge status-${p.status}`}>{p.status}</span>
                  {p.error && (
                    <div className="error small">
                      {p.error.code}: {p.error.message}
                    </div>
                  )}
                </td>
                <td>{p.summary?.kind ?? '—'}</td>
                <td>{p.summary ? p.summary.sampleCount.toLocaleString('en-US') : '—'}</td>
                <td className="totals">
                  {p.summary?.totals.map((t) => (
                    <div key={t.type}>
                      {t.type}: <strong>{formatValue(t.total, t.unit)}</strong>
                    </div>
                  ))}
                  {p.summary && p.summary.durationNanos > 0 && <div className="hint small">{t('profiles.over', { d: formatDuration(p.summary.durationNanos) })}</div>}
                </td>
                <td title={p.createdAt}>{timeAgo(p.createdAt, Date.now(), lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
