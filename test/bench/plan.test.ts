import { describe, expect, it } from 'vitest';
import { summarisePlan, type PlanNode } from '../../bench/support/plan.ts';

describe('plan summaries', () => {
  it('names each node from the top down, with what tells plans apart', () => {
    const parallelHash: PlanNode = {
      'Node Type': 'Aggregate',
      Strategy: 'Hashed',
      'Partial Mode': 'Finalize',
      Plans: [
        {
          'Node Type': 'Gather',
          'Workers Planned': 2,
          Plans: [{ 'Node Type': 'Aggregate', Strategy: 'Hashed', 'Partial Mode': 'Partial', Plans: [{ 'Node Type': 'Seq Scan', 'Parallel Aware': true, 'Relation Name': 'invoices' }] }],
        },
      ],
    };
    expect(summarisePlan(parallelHash)).toBe('Finalize HashAggregate → Gather(2 workers) → Partial HashAggregate → Parallel Seq Scan(invoices)');
    expect(summarisePlan({ 'Node Type': 'Aggregate', Strategy: 'Sorted', 'Partial Mode': 'Simple', Plans: [{ 'Node Type': 'Index Scan', 'Index Name': 'invoices_open_customer' }] })).toBe(
      'GroupAggregate → Index Scan(invoices_open_customer)',
    );
  });

  it('brackets the children of a join', () => {
    expect(
      summarisePlan({ 'Node Type': 'Hash Join', Plans: [{ 'Node Type': 'Seq Scan', 'Relation Name': 'invoices' }, { 'Node Type': 'Hash', Plans: [{ 'Node Type': 'Seq Scan', 'Relation Name': 'customers' }] }] }),
    ).toBe('Hash Join[Seq Scan(invoices); Hash → Seq Scan(customers)]');
  });
});
