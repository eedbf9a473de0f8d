'use client';

import { formatConfidence } from '../../lib/format';
import { useLang } from '../../lib/i18n';

/** A confidence (0..1) as a bar and a percentage; one style everywhere a class is ranked. */
export function ConfidenceMeter({ value, compact }: { value: number | null | undefined; compact?: boolean }) {
  const { t } = useLang();
  const pct = Math.round(Math.max(0, Math.min(1, value ?? 0)) * 100);
  return (
    <span className={`confidence-meter${compact ? ' compact' : ''}`}>
      <span className="meter" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={t('common.confidenceN', { n: formatConfidence(value) })}>
        <span style={{ width: `${pct}%` }} />
      </span>
      <strong>{formatConfidence(value)}</strong>
    </span>
  );
}
