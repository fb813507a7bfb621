// What a daily cycle run reports: every action it planned (with its verdict) and the summary.
import type { ActionStatus, Channel, Tone } from '../../db/schema.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import type { SkipReason } from '../../domain/cycle/plan.ts';
import type { PlanEvaluation, PlanEvent } from '../arrangements/evaluate-plans.ts';
import type { SettlementEvaluation } from '../arrangements/evaluate-settlements.ts';

export interface CycleAction {
  id: string | null;
  customerId: string;
  customerExternalId: string;
  step: string;
  stepName: string;
  tone: Tone;
  channel: Channel;
  kind: 'send' | 'task';
  status: ActionStatus;
  dueAt: string;
  rule: string | null;
  reason: string | null;
  invoiceNumbers: string[];
  amounts: Record<string, bigint>;
  playbook: string;
  /** True when this run created it; false when it existed already (same case and step). */
  created: boolean;
}

export interface CycleSummary {
  customers: number;
  created: number;
  existing: number;
  ready: number;
  deferred: number;
  blocked: number;
  skipped: Record<SkipReason, number>;
  /** Of `customers`, those left out unread: planned earlier with nothing new due until a later day, and unchanged since. */
  quiet: number;
  casesOpened: number;
  casesClosed: number;
  promisesKept: number;
  promisesBroken: number;
  /** Payment plans the day's payments and dates moved on (evaluate-plans.ts). */
  plans: PlanEvaluation;
  /** Settlements paid (the rest written off) or lapsed (evaluate-settlements.ts). */
  settlements: SettlementEvaluation;
  /** Invoices the arrangement policy wrote off (write-off-small-balances.ts). */
  writeOffs: { smallBalance: number };
  chargesCreated: number;
}

export interface CycleReport {
  org: string;
  date: IsoDate;
  dryRun: boolean;
  actions: CycleAction[];
  /** The payment plans the day moved on: an instalment paid, a plan completed, broken (an instalment missed), back on track or defaulted. */
  planEvents: PlanEvent[];
  summary: CycleSummary;
}
