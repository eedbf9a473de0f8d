'use client';

import { type AlertRecord } from '@memegraph/contracts';
import { useLang } from '../../lib/i18n';

export function AlertStatusBadge({ status }: { status: AlertRecord['status'] }) {
  const { t } = useLang();
  return <span className={`badge alert-${status}`}>{status === 'firing' ? t('alerts.firing') : t('alerts.resolved')}</span>;
}

/** Where the worker is with an alert: pending → enriching → enriched (or failed). */
export function EnrichmentBadge({ state }: { state: AlertRecord['enrichment'] }) {
  const { t } = useLang();
  return (
    <span className={`badge enrich-${state}`}>
      {(state === 'pending' || state === 'enriching') && <span className="spinner tiny" aria-hidden />} {t(`enrichment.${state}`)}
    </span>
  );
}
