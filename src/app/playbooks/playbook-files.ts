// Playbook and rules files as people write them: JSON or YAML, told apart by the file's extension
// or else by its first character. Exports write the same forms, so an exported file re-imports.
import { Document, isScalar, parse as parseYaml, visit, YAMLParseError } from 'yaml';
import { AppError } from '../../errors.ts';

export type FileFormat = 'json' | 'yaml';

export function formatOf(text: string, fileName?: string): FileFormat {
  if (fileName && /\.ya?ml$/i.test(fileName)) return 'yaml';
  if (fileName && /\.json$/i.test(fileName)) return 'json';
  return /^\s*[[{]/.test(text) ? 'json' : 'yaml';
}

/**
 * The document in `text`, or an invalid_input error naming where it stops making sense. `format`
 * (e.g. from a Content-Type) wins over the file name and the content.
 */
export function parseDataFile(text: string, fileName?: string, format = formatOf(text, fileName)): unknown {
  const source = fileName ?? 'the file';
  try {
    return format === 'json' ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (error) {
    const reason = error instanceof YAMLParseError || error instanceof SyntaxError ? error.message.split('\n')[0] : String(error);
    throw new AppError('invalid_input', `cannot read ${source} as ${format === 'json' ? 'JSON' : 'YAML'}: ${reason}`);
  }
}

export function formatDataFile(value: unknown, format: FileFormat): string {
  if (format === 'json') return `${JSON.stringify(value, null, 2)}\n`;
  const document = new Document(value);
  // Short lists of words (channels, tags) read best on one line: `channels: [email, letter]`.
  visit(document, { Seq: (_key, node) => void (node.flow = node.items.every((item) => isScalar(item))) });
  // YAML quotes strings that would read back as numbers (e.g. "50.00"), so amounts stay text.
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}
