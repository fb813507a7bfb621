// The playbooks, segment rules and collection settings an organisation works with: its own
// playbooks over the built-in ones of the same name, its own rules or else the built-in rules.
// The daily cycle calls this once per run (one query), so do not add per-playbook reads here.
import { createHash } from 'node:crypto';
import type { Executor } from '../../db/executor.ts';
import { playbookSetupRows, type PlaybookSetupRows } from '../../db/queries/playbooks.ts';
import { collectionSettings, type CollectionSettings } from '../../domain/collection-settings.ts';
import { builtInPlaybookRules, builtInPlaybooks, type PlaybookRule } from '../../domain/playbooks/default-playbooks.ts';
import { conditionsSchema, playbookSchema, type PlaybookVersion } from '../../domain/playbooks/playbook.ts';
import { AppError } from '../../errors.ts';
import { stringifyJson } from '../../json.ts';

/** The version number of a built-in playbook: any version an organisation stores is newer. */
export const builtInVersion = 0;

export interface PlaybookSetup {
  /** By name: each playbook's version in use (built-ins are version 0). */
  playbooks: Map<string, PlaybookVersion>;
  /** First match wins. */
  rules: PlaybookRule[];
  /** Whether `rules` are the organisation's own or the built-in ones. */
  rulesSource: 'built-in' | 'organisation';
  settings: CollectionSettings;
}

export async function loadPlaybooks(db: Executor, orgId: bigint): Promise<PlaybookSetup> {
  const rows = await playbookSetupRows(db, orgId);
  if (!rows) throw new AppError('not_found', `there is no organisation ${orgId}`);
  return playbookSetup(rows);
}

/** Stored rows were validated on the way in; parsing again gives them their types (and defaults). */
export function playbookSetup(rows: PlaybookSetupRows): PlaybookSetup {
  const playbooks = new Map<string, PlaybookVersion>(builtInPlaybooks.map((playbook) => [playbook.name, { playbook, version: builtInVersion }]));
  for (const row of rows.playbooks) playbooks.set(row.name, { playbook: playbookSchema.parse(row.definition), version: row.version });
  const own = rows.rules.map((row) => ({ playbookName: row.playbook_name, conditions: conditionsSchema.parse(row.conditions) }));
  return {
    playbooks,
    rules: own.length > 0 ? own : [...builtInPlaybookRules],
    rulesSource: own.length > 0 ? 'organisation' : 'built-in',
    settings: collectionSettings(rows.settings),
  };
}

/**
 * A fingerprint of everything organisation-wide the planner decides with: a customer found quiet
 * under one setup is planned afresh under any other (a playbook imported, a rule or setting changed,
 * a built-in playbook changed by an upgrade).
 */
export function setupFingerprint(setup: PlaybookSetup, orgTimeZone: string, channelsOff: readonly string[] = []): string {
  const facts = stringifyJson({ playbooks: [...setup.playbooks.values()], rules: setup.rules, settings: setup.settings, orgTimeZone, ...(channelsOff.length > 0 ? { channelsOff } : {}) });
  return createHash('sha256').update(facts).digest('hex').slice(0, 32);
}
