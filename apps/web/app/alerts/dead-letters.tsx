'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { type DeadLetter, errorText, listDeadLetters, retryDeadLetter } from '../../lib/api';
import { timeAgo } from '../../lib/format';
import { useLang } from '../../lib/i18n';

const REFRESH_MS = 30_000;

/**
 * Alert jobs that used up their attempts, so nobody has to read worker logs to learn that
 * alerts are stuck: what failed, why, and a retry once the cause is fixed. Hidden when empty.
 */
export function DeadLetters() {
  const { t, lang } = useLang();
  const [items, setItems] = useState<DeadLetter[]>([]);
  const [note, setNote] = useState<Record<string, string>>({});

  const refresh = useCallback(async () => {
    try {
      setItems((await listDeadLetters()).items);
    } catch {
      // A viewer token cannot list them, or the API is away: show nothing rather than noise.
    }
  }, []);
  useEffect(() => {
    void refresh();
    const id = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(id);
  }, [refresh]);

  const retry = async (j: DeadLetter) => {
    const key = `${j.queue}/${j.id}`;
    try {
      await retryDeadLetter(j.queue, j.id);
      setNote((n) => ({ ...n, [key]: t('dead.retried') }));
      setTimeout(() => void refresh(), 1500);
    } catch (err) {
      setNote((n) => ({ ...n, [key]: errorText(err) }));
    }
  };

  if (items.length === 0) return null;
  return (
    <details className="card notice dead-letters" aria-label={t('dead.list')}>
      <summary>
        <strong className="warn-text">{t('dead.title', { n: items.length })}</strong> <span className="hint small">{t('dead.hint')}</span>
      </summary>
      <ul className="link-list">
        {items.map((j) => {
          const key = `${j.queue}/${j.id}`;
          const alerts = j.data.alerts ?? [];
          return (
            <li key={key}>
              <span className="chip">{j.queue === 'alerts' ? t('dead.enrich') : t('dead.ingest')}</span>{' '}
              {j.data.alertId ? <Link href={`/alerts/${j.data.alertId}`}>{j.data.alertId.slice(0, 8)}</Link> : <span>{alerts[0]?.name ?? j.id}</span>}
              {alerts.length > 1 && <span className="hint small"> · {t('dead.alerts', { n: alerts.length })}</span>}
              {j.finishedOn && <span className="hint small"> · {timeAgo(new Date(j.finishedOn).toISOString(), Date.now(), lang)}</span>}
              <div className="hint small reason">{j.failedReason}</div>
              <button type="button" className="small" onClick={() => void retry(j)}>
                {t('dead.retry')}
              </button>{' '}
              {note[key] && <span className="hint small" role="status">{note[key]}</span>}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
