export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median with the smallest and largest value: the spread a reader needs to judge one figure. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function spread(values: readonly number[]): Spread {
  return {
    median: median(values),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
    n: values.length,
  };
}

/** A figure for a table: three significant digits at most, thousands separated. */
export function num(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '–';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  return Number(value.toFixed(Math.min(decimals, 4))).toLocaleString('en-US', {
    maximumFractionDigits: Math.min(decimals, 4),
  });
}

export function withSpread(s: Spread): string {
  if (s.n === 0) return '–';
  if (s.n === 1) return num(s.median);
  return `${num(s.median)} (${num(s.min)}–${num(s.max)})`;
}

export function ratio(a: number, b: number): number {
  return b > 0 ? a / b : Number.NaN;
}
