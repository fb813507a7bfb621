// Clocks, medians, memory and the machine's load for the benchmarks.
import { loadavg } from 'node:os';

/** Peak resident memory of this process so far, in MiB (maxRSS is reported in KiB). */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The nearest-rank percentile (`p` from 1 to 100): the smallest value with at least p % of the values at or below it. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('no values to take a percentile of');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

export const round1 = (ms: number) => Math.round(ms * 10) / 10;

/** Repeated runs of one figure, each a fresh measurement (see docs/benchmarks.md, "Figures"). */
export const figureRuns = 5;

/**
 * A figure as the JSON prints it: `<name>_ms`, the median of the runs, and `<name>_runs_ms`, each
 * run in the order measured, so a reader sees the spread (one slow run from a busy moment of the
 * machine moves the median not at all).
 */
export function figure(name: string, runs: readonly number[]): Record<string, number | number[]> {
  if (runs.length === 0) throw new Error(`no runs of ${name} to report`);
  return { [`${name}_ms`]: round1(median(runs)), [`${name}_runs_ms`]: runs.map(round1) };
}

/** The machine's 1-minute load average, to two decimals: on a shared machine the figures depend on it. */
export function loadNow(): number {
  return Math.round(loadavg()[0]! * 100) / 100;
}
