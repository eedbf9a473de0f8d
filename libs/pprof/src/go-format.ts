/**
 * Go's fmt verbs %.Nf and %.Ng, digit for digit. JavaScript's toFixed/toPrecision round exact
 * ties away from zero where Go rounds them to even (12.125 -> "12.12" in Go, "12.13" in JS),
 * and %g has its own exponent rule, so parity with pprof's text needs this.
 */

/** Exact decimal expansion of |x| as integer digits and fraction digits (toFixed(100) is exact for |x| >= 1e-10). */
function expand(x: number): { int: string; frac: string } {
  const abs = Math.abs(x);
  // Doubles this large are integers; toFixed would switch to exponent form.
  if (abs >= 1e21) return { int: BigInt(abs).toString(), frac: '0'.repeat(100) };
  const s = abs.toFixed(100);
  const dot = s.indexOf('.');
  return { int: s.slice(0, dot), frac: s.slice(dot + 1) };
}

/** Adds one unit in the last place of a string of decimal digits. */
function incrementDigits(d: string): string {
  const a = d.split('');
  let i = a.length - 1;
  while (i >= 0) {
    if (a[i] === '9') {
      a[i] = '0';
      i--;
    } else {
      a[i] = String.fromCharCode(a[i]!.charCodeAt(0) + 1);
      return a.join('');
    }
  }
  return `1${a.join('')}`;
}

/** Rounds digit string `kept` given the digits after it, half to even like Go's strconv. */
function roundHalfEven(kept: string, rest: string): string {
  const first = rest.charCodeAt(0) - 48;
  let up = false;
  if (first > 5) up = true;
  else if (first === 5) {
    up = /[1-9]/.test(rest.slice(1)) || (kept.length > 0 && (kept.charCodeAt(kept.length - 1) - 48) % 2 === 1);
  }
  return up ? incrementDigits(kept.length ? kept : '0') : kept;
}

/** fmt.Sprintf("%.{prec}f", x). */
export function goFixed(x: number, prec: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const { int, frac } = expand(x);
  const digits = roundHalfEven(int + frac.slice(0, prec), frac.slice(prec) || '0');
  const intLen = digits.length - prec;
  const out = prec > 0 ? `${digits.slice(0, intLen) || '0'}.${digits.slice(intLen)}` : digits;
  return neg ? `-${out}` : out;
}

/** fmt.Sprintf("%.{prec}g", x): prec significant digits, %e form when the exponent is < -4 or >= prec, trailing zeros dropped. */
export function goG(x: number, prec: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf';
  if (prec === 0) prec = 1;
  const neg = x < 0 || Object.is(x, -0);
  if (x === 0) return neg ? '-0' : '0';
  const { int, frac } = expand(x);
  const all = int + frac;
  const first = all.search(/[1-9]/);
  // Decimal exponent of the leading significant digit.
  let exp = int.length - 1 - first;
  let sig = roundHalfEven(all.slice(first, first + prec), all.slice(first + prec) || '0');
  if (sig.length > prec) {
    // 9.99 -> 10.0: rounding carried into a new leading digit.
    sig = sig.slice(0, prec);
    exp++;
  }
  let out: string;
  if (exp < -4 || exp >= prec) {
    const mant = sig.length > 1 ? `${sig[0]}.${sig.slice(1)}`.replace(/\.?0+$/, '') : sig;
    const e = Math.abs(exp);
    out = `${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  } else if (exp >= 0) {
    const intPart = sig.slice(0, exp + 1).padEnd(exp + 1, '0');
    const fracPart = sig.slice(exp + 1).replace(/0+$/, '');
    out = fracPart ? `${intPart}.${fracPart}` : intPart;
  } else {
    const fracPart = `${'0'.repeat(-exp - 1)}${sig}`.replace(/0+$/, '');
    out = `0.${fracPart}`;
  }
  return neg ? `-${out}` : out;
}

/** Left-pads to a minimum width like %5s. */
export const padStart = (s: string, width: number): string => (s.length >= width ? s : ' '.repeat(width - s.length) + s);
