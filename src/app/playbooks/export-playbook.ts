// A playbook as a file (JSON, or YAML when asked) that `arrears playbook import` and
// POST /api/v1/playbooks read back to the same definition.
import type { Executor } from '../../db/executor.ts';
import { getPlaybook } from './get-playbook.ts';
import { formatDataFile, type FileFormat } from './playbook-files.ts';

export interface PlaybookExport {
  name: string;
  version: number;
  format: FileFormat;
  fileName: string;
  contentType: string;
  text: string;
}

export async function exportPlaybook(db: Executor, orgId: bigint, name: string, options: { format?: FileFormat; version?: number } = {}): Promise<PlaybookExport> {
  const format = options.format ?? 'json';
  const detail = await getPlaybook(db, orgId, name, options.version);
  return {
    name,
    version: detail.version,
    format,
    fileName: `${name}.v${detail.version}.${format === 'json' ? 'json' : 'yaml'}`,
    contentType: format === 'json' ? 'application/json' : 'application/yaml',
    text: formatDataFile(detail.playbook, format),
  };
}
