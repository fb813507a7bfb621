// What a scenario gets and gives back.
import type { BenchArgs } from '../support/args.ts';

export interface ScenarioInput {
  args: BenchArgs;
}

export interface ScenarioResult {
  /** The one JSON object printed on stdout. */
  figures: Record<string, unknown>;
  /** One line for people, on stderr (unless --json). */
  summary: string;
  /** With --phases: where the time went, on stderr. */
  phases?: unknown;
}
