'use client';

import { useLang } from '../../lib/i18n';
import { type WindowValue, windowLabel } from '../../lib/time-windows';

/** The "Started" filter: a choice among the given time windows. */
export function WindowSelect({ value, choices, onChange }: { value: string; choices: WindowValue[]; onChange: (value: string) => void }) {
  const { t } = useLang();
  return (
    <label className="inline">
      <span>{t('alerts.window')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {choices.map((w) => (
          <option key={w} value={w}>
            {t(windowLabel(w))}
          </option>
        ))}
      </select>
    </label>
  );
}
