import { describe, expect, it } from 'vitest';
import { figure, median, percentile } from '../../bench/support/measure.ts';

describe('bench figures', () => {
  it('takes the median of odd and even counts, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('prints a figure as its median and every run in the order measured', () => {
    expect(figure('aging', [920.04, 1500, 890.46, 905, 930])).toEqual({ aging_ms: 920, aging_runs_ms: [920, 1500, 890.5, 905, 930] });
    expect(() => figure('floor', [])).toThrow(/no runs of floor/);
  });

  it('takes nearest-rank percentiles: p95 of 20 loads is the 19th fastest', () => {
    const loads = Array.from({ length: 20 }, (_, index) => 20 - index); // 20 … 1
    expect(percentile(loads, 95)).toBe(19);
    expect(percentile(loads, 50)).toBe(10);
    expect(percentile(loads, 100)).toBe(20);
    expect(percentile([7], 95)).toBe(7);
    expect(() => percentile([], 50)).toThrow(/no values/);
  });
});
