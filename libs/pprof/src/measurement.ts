import { goFixed, goG, padStart } from './go-format';

/**
 * Units and value labels as pprof prints them ("1.48s", "16MB", "  100%"), so the text
 * output and the golden tests speak the oracle's language. Bytes scale by 1024, times by 1000.
 */

interface Unit {
  name: string;
  aliases: string[];
  factor: number;
}
interface UnitFamily {
  units: Unit[];
  fallback: Unit;
}

const BYTES: UnitFamily = {
  units: [
    { name: 'B', aliases: ['b', 'byte'], factor: 1 },
    { name: 'kB', aliases: ['kb', 'kbyte', 'kilobyte'], factor: 2 ** 10 },
    { name: 'MB', aliases: ['mb', 'mbyte', 'megabyte'], factor: 2 ** 20 },
    { name: 'GB', aliases: ['gb', 'gbyte', 'gigabyte'], factor: 2 ** 30 },
    { name: 'TB', aliases: ['tb', 'tbyte', 'terabyte'], factor: 2 ** 40 },
    { name: 'PB', aliases: ['pb', 'pbyte', 'petabyte'], factor: 2 ** 50 },
  ],
  fallback: { name: 'B', aliases: [], factor: 1 },
};
const TIME: UnitFamily = {
  units: [
    { name: 'ns', aliases: ['ns', 'nanosecond'], factor: 1 },
    { name: 'us', aliases: ['μs', 'us', 'microsecond'], factor: 1e3 },
    { name: 'ms', aliases: ['ms', 'millisecond'], factor: 1e6 },
    { name: 's', aliases: ['s', 'sec', 'second'], factor: 1e9 },
    { name: 'hrs', aliases: ['hour', 'hr'], factor: 3600e9 },
  ],
  fallback: { name: 's', aliases: [], factor: 1e9 },
};
const FAMILIES = [BYTES, TIME];

/** Finds a unit by name, tolerating case and a plural "s" ("nanoseconds", "Bytes"). */
function sniff(family: UnitFamily, unit: string): Unit | undefined {
  let u = unit.toLowerCase();
  if (u.length > 2 && u.endsWith('s')) u = u.slice(0, -1);
  return family.units.find((x) => x.aliases.includes(u));
}

/** Converts a value to `toUnit`, or to the best-fitting unit for "auto"/"minimum". Returns [value, unit label]. */
export function scale(value: number, fromUnit: string, toUnit: string): [number, string] {
  if (value < 0) {
    const [v, u] = scale(-value, fromUnit, toUnit);
    return [-v, u];
  }
  for (const family of FAMILIES) {
    const from = sniff(family, fromUnit);
    if (!from) continue;
    const v = value * from.factor;
    if (toUnit === 'minimum' || toUnit === 'auto') {
      let f = 0;
      let name = '';
      for (const u of family.units) {
        if (u.factor >= f && v / u.factor >= 1) {
          f = u.factor;
          name = u.name;
        }
      }
      if (f === 0) return [v / family.fallback.factor, family.fallback.name];
      return [v / f, name];
    }
    const to = sniff(family, toUnit);
    if (!to) return [v / family.fallback.factor, family.fallback.name];
    return [v / to.factor, to.name];
  }
  if (['count', 'sample', 'unit', 'minimum', 'auto'].includes(toUnit)) return [value, ''];
  return [value, toUnit];
}

/** pprof's ScaledLabel: two decimals, ".00" dropped, unit appended ("1.48s", "16MB", "0"). */
export function scaledLabel(value: number, fromUnit: string, toUnit: string): string {
  const [v, u] = scale(value, fromUnit, toUnit);
  let s = goFixed(v, 2);
  if (s.endsWith('.00')) s = s.slice(0, -3);
  if (s === '0' || s === '-0') return '0';
  return s + u;
}

/** pprof's Percentage: "  100%" near 100, "%5.2f%%" from 1%, "%5.2g%%" below. */
export function percentage(value: number, total: number): string {
  const ratio = total !== 0 ? Math.abs(value / total) * 100 : 0;
  if (ratio >= 99.95 && ratio <= 100.05) return '  100%';
  if (ratio >= 1) return `${padStart(goFixed(ratio, 2), 5)}%`;
  return `${padStart(goG(ratio, 2), 5)}%`;
}

/**
 * Picks the output unit pprof would: the unit of the smallest shown value, moved one step up
 * when the values span more than 100x so small ones print as 0.01 rather than huge ones as
 * 483940ms. `minValue` is the smallest non-zero node value; `maxValue` the report total.
 */
export function selectOutputUnit(minValue: number, maxValue: number, sampleUnit: string): string {
  if (minValue === 0) minValue = maxValue;
  const [, minUnit] = scale(minValue, sampleUnit, 'minimum');
  const [, maxUnit] = scale(maxValue, sampleUnit, 'minimum');
  let unit = minUnit;
  if (minUnit !== maxUnit && minValue * 100 < maxValue) [, unit] = scale(100 * minValue, sampleUnit, 'minimum');
  return unit !== '' ? unit : sampleUnit;
}

/** Parses a pprof-printed value ("1.48s", "16MB", "100003", "-2.50kB") back to the sample unit; returns [value, half-step tolerance]. */
export function parseScaledLabel(text: string, sampleUnit: string): [number, number] {
  const m = /^(-?\d+(?:\.\d+)?)([a-zA-Zμ*]*)$/.exec(text.trim());
  if (!m) throw new Error(`cannot parse value "${text}"`);
  const num = Number(m[1]);
  const unit = m[2] ?? '';
  let factor = 1;
  if (unit) [factor] = scale(1, unit, sampleUnit);
  // pprof prints every value with %.2f (trimming ".00"), so each is exact to half a hundredth of its unit.
  const step = 0.005;
  return [num * factor, step * factor];
}
