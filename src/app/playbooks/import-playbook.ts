// Stores a playbook definition as a new version of its name, after validating it against the
// organisation's settings. Versions are immutable: a change is always a new version, and a
// definition identical to the one in use stores nothing.
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { findOrgById } from '../../db/queries/orgs.ts';
import { findPlaybookRow } from '../../db/queries/playbooks.ts';
import { uniqueViolation } from '../../db/unique-violation.ts';
import { collectionSettings } from '../../domain/collection-settings.ts';
import { builtInPlaybooks } from '../../domain/playbooks/default-playbooks.ts';
import { playbookSchema } from '../../domain/playbooks/playbook.ts';
import { samePlaybook } from '../../domain/playbooks/same-playbook.ts';
import { problemsInOneLine, type PathProblem } from '../../domain/playbooks/shape-problems.ts';
import { validatePlaybook } from '../../domain/playbooks/validate-playbook.ts';
import { AppError } from '../../errors.ts';
import { builtInVersion } from './load-playbooks.ts';
import { recordActivity } from '../shared/record-activity.ts';

export interface ImportPlaybookResult {
  status: 'stored' | 'unchanged';
  name: string;
  /** The version stored, or (unchanged) the version in use that it equals. */
  version: number;
  warnings: PathProblem[];
}

/** The problems of an invalid playbook, as AppError details (CLI and API print them by path). */
export interface PlaybookProblems {
  problems: PathProblem[];
  warnings: PathProblem[];
}

export async function importPlaybook(db: Executor, orgId: bigint, definition: unknown, actor: string, now: Temporal.Instant): Promise<ImportPlaybookResult> {
  return inTransaction(db, async (tx) => {
    const org = await findOrgById(tx, orgId);
    if (!org) throw new AppError('not_found', `there is no organisation ${orgId}`);
    const validation = validatePlaybook(definition, { settings: collectionSettings(org.settings) });
    if (!validation.ok) {
      const { problems, warnings } = validation;
      throw new AppError('invalid_input', `the playbook is not valid; change this and import it again: ${problemsInOneLine(problems)}`, { problems, warnings } satisfies PlaybookProblems);
    }
    const { playbook, warnings } = validation;
    const stored = await findPlaybookRow(tx, orgId, playbook.name);
    const builtIn = builtInPlaybooks.find((p) => p.name === playbook.name);
    const current = stored ? { playbook: playbookSchema.parse(stored.definition), version: stored.version } : builtIn && { playbook: builtIn, version: builtInVersion };
    if (current && samePlaybook(current.playbook, playbook)) return { status: 'unchanged', name: playbook.name, version: current.version, warnings };
    const version = (stored?.version ?? builtInVersion) + 1;
    try {
      await tx.insertInto('playbooks').values({ org_id: orgId, name: playbook.name, version, definition: JSON.stringify(playbook), created_by: actor }).execute();
    } catch (error) {
      if (uniqueViolation(error) !== undefined) {
        throw new AppError('conflict', `version ${version} of playbook "${playbook.name}" was stored by someone else just now; check it and import again`);
      }
      throw error;
    }
    await recordActivity(tx, orgId, {
      customerId: null,
      kind: 'playbook_imported',
      actor,
      summary: `Playbook "${playbook.name}" version ${version} stored`,
      data: { name: playbook.name, version },
      at: now,
    });
    return { status: 'stored', name: playbook.name, version, warnings };
  });
}
