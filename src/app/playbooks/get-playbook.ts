// One playbook: the version in use (the organisation's latest, else the built-in one of that
// name) or a given version; built-in playbooks are version 0.
import type { Executor } from '../../db/executor.ts';
import { findPlaybookRow, playbookNames, playbookVersionNumbers } from '../../db/queries/playbooks.ts';
import { builtInPlaybooks } from '../../domain/playbooks/default-playbooks.ts';
import { playbookSchema, type Playbook } from '../../domain/playbooks/playbook.ts';
import { AppError } from '../../errors.ts';
import { builtInVersion } from './load-playbooks.ts';

export interface PlaybookDetail {
  name: string;
  version: number;
  source: 'built-in' | 'organisation';
  playbook: Playbook;
  /** Every version there is of this name, oldest first (0: the built-in one). */
  versions: number[];
  createdBy: string | null;
  createdAt: string | null;
}

export async function getPlaybook(db: Executor, orgId: bigint, name: string, version?: number): Promise<PlaybookDetail> {
  const builtIn = builtInPlaybooks.find((playbook) => playbook.name === name);
  const versions = [...(builtIn ? [builtInVersion] : []), ...(await playbookVersionNumbers(db, orgId, name))];
  if (versions.length === 0) {
    const known = [...new Set([...builtInPlaybooks.map((p) => p.name), ...(await playbookNames(db, orgId))])].sort();
    throw new AppError('not_found', `there is no playbook "${name}"; the playbooks are ${known.join(', ')}`);
  }
  const wanted = version ?? versions[versions.length - 1]!;
  if (!versions.includes(wanted)) {
    throw new AppError('not_found', `playbook "${name}" has no version ${wanted}; its versions are ${versions.map((v) => (v === builtInVersion ? '0 (built-in)' : String(v))).join(', ')}`);
  }
  if (wanted === builtInVersion && builtIn) return { name, version: wanted, source: 'built-in', playbook: builtIn, versions, createdBy: null, createdAt: null };
  const row = (await findPlaybookRow(db, orgId, name, wanted))!;
  return { name, version: wanted, source: 'organisation', playbook: playbookSchema.parse(row.definition), versions, createdBy: row.created_by, createdAt: row.created_at };
}
