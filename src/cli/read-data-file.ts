// Reads a playbook or rules file named on the command line (JSON or YAML).
import { readFileSync } from 'node:fs';
import { parseDataFile } from '../app/playbooks/playbook-files.ts';
import { AppError } from '../errors.ts';

export function readDataFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new AppError('invalid_input', `cannot read ${file}: ${reason}`);
  }
  return parseDataFile(text, file);
}
