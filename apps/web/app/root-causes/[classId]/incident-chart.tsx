'use client';

import { useLang } from '../../../lib/i18n';

const W = 360;
const H = 96;
const PAD_TOP = 14;
const PAD_BOTTOM = 16;

/** Incidents per UTC day as bars (inline SVG, no chart library); every bar has its date and count as a tooltip. */
export function IncidentChart({ perDay }: { perDay: { day: string; count: number }[] }) {
  const { t, lang } = useLang();
  const n = perDay.length;
  if (n === 0) return null;
  const total = perDay.reduce((s, d) => s + d.count, 0);
  const max = Math.max(1, ...perDay.map((d) => d.count));
  const busiest = perDay.reduce((a, b) => (b.count > a.count ? b : a), perDay[0]!);
  const step = W / n;
  const plot = H - PAD_TOP - PAD_BOTTOM;
  const day = (d: string) => new Date(`${d}T00:00:00Z`).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB', { month: 'short', day: 'numeric', timeZone: 'UTC' });
  return (
    <svg
      className="incident-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={total ? t('chart.summary', { total, days: n, day: day(busiest.day), max: busiest.count }) : t('chart.none', { days: n })}
    >
      <text x={0} y={10} className="chart-label">
        {max}
      </text>
      <line x1={0} x2={W} y1={PAD_TOP} y2={PAD_TOP} className="chart-grid" />
      <line x1={0} x2={W} y1={H - PAD_BOTTOM} y2={H - PAD_BOTTOM} className="chart-axis" />
      {perDay.map((d, i) => {
        const h = d.count ? Math.max(2, (d.count / max) * plot) : 1;
        return (
          <rect key={d.day} x={i * step + 0.5} width={Math.max(1, step - 1)} y={H - PAD_BOTTOM - h} height={h} className={d.count ? 'bar' : 'bar zero'}>
            <title>{`${d.day}: ${d.count}`}</title>
          </rect>
        );
      })}
      <text x={0} y={H - 3} className="chart-label">
        {day(perDay[0]!.day)}
      </text>
      <text x={W} y={H - 3} className="chart-label" textAnchor="end">
        {day(perDay[n - 1]!.day)}
      </text>
    </svg>
  );
}
