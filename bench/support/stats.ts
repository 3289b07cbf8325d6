// Summary statistics for benchmark samples.

/** Returns the middle value of `values` (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Returns the nearest-rank percentile: the smallest value with at least `p` percent
 * of the samples at or below it. With 20 samples, p95 is the 19th smallest.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error("percentile of no values");
  if (!(p > 0 && p <= 100)) throw new Error(`percentile ${p} is outside (0, 100]`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

/** Returns the geometric mean of positive values, the usual mean of ratios. */
export function geometricMean(values: readonly number[]): number {
  if (values.length === 0) throw new Error("geometric mean of no values");
  if (values.some((value) => !(value > 0))) throw new Error(`geometric mean needs positive values, got ${values.join(", ")}`);
  return Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
}
