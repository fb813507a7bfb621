// The playbooks an organisation can use: its own (the version in use of each) and the built-in
// ones it has not replaced, by name, with which one is the default.
import type { Executor } from '../../db/executor.ts';
import { findOrgById } from '../../db/queries/orgs.ts';
import { latestPlaybookRows } from '../../db/queries/playbooks.ts';
import { collectionSettings } from '../../domain/collection-settings.ts';
import { builtInPlaybooks } from '../../domain/playbooks/default-playbooks.ts';
import { playbookSchema } from '../../domain/playbooks/playbook.ts';
import { AppError } from '../../errors.ts';
import { builtInVersion } from './load-playbooks.ts';

export interface PlaybookSummary {
  name: string;
  version: number;
  source: 'built-in' | 'organisation';
  description: string;
  steps: number;
  /** How many versions there are, the built-in one included. */
  versions: number;
  isDefault: boolean;
  createdBy: string | null;
  createdAt: string | null;
}

export async function listPlaybooks(db: Executor, orgId: bigint): Promise<PlaybookSummary[]> {
  const org = await findOrgById(db, orgId);
  if (!org) throw new AppError('not_found', `there is no organisation ${orgId}`);
  const { defaultPlaybook } = collectionSettings(org.settings);
  const builtInNames = new Set(builtInPlaybooks.map((p) => p.name));
  const summaries = new Map<string, PlaybookSummary>();
  for (const playbook of builtInPlaybooks) {
    summaries.set(playbook.name, {
      name: playbook.name,
      version: builtInVersion,
      source: 'built-in',
      description: playbook.description,
      steps: playbook.steps.length,
      versions: 1,
      isDefault: playbook.name === defaultPlaybook,
      createdBy: null,
      createdAt: null,
    });
  }
  for (const row of await latestPlaybookRows(db, orgId)) {
    const playbook = playbookSchema.parse(row.definition);
    summaries.set(row.name, {
      name: row.name,
      version: row.version,
      source: 'organisation',
      description: playbook.description,
      steps: playbook.steps.length,
      versions: row.versions + (builtInNames.has(row.name) ? 1 : 0),
      isDefault: row.name === defaultPlaybook,
      createdBy: row.created_by,
      createdAt: row.created_at,
    });
  }
  return [...summaries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
