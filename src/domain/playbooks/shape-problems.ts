// Zod's shape errors for playbook and rule files, worded for the person editing the file: each
// names its place the way they would find it (`steps[3].template`) and says what to write instead.
import { z } from 'zod';

export interface PathProblem {
  /** Where in the file: `steps[3].template`; '' for the file as a whole. */
  path: string;
  message: string;
}

/** `['steps', 3, 'template']` → `steps[3].template`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return text === '' ? String(segment) : `${text}.${String(segment)}`;
  }, '');
}

/** Parses `input`, or lists every problem with its place. */
export function parseShape<S extends z.ZodType>(schema: S, input: unknown): { ok: true; data: z.output<S> } | { ok: false; problems: PathProblem[] } {
  // reportInput tells a missing field from one of the wrong type.
  const result = schema.safeParse(input, { reportInput: true });
  return result.success ? { ok: true, data: result.data } : { ok: false, problems: shapeProblems(schema, result.error) };
}

/** Every issue of a failed parse, unknown keys one per key (a misspelt field is the usual cause). */
function shapeProblems(schema: z.ZodType, error: z.ZodError): PathProblem[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const known = fieldsAt(schema, issue.path);
      const hint = known ? `; the fields here are ${known.join(', ')}` : '';
      return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: `is not a field here: check the spelling${hint}` }));
    }
    return [{ path: formatPath(issue.path), message: messageOf(issue) }];
  });
}

function messageOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_type':
      if (issue.input === undefined) return `is missing: add it (${expected(issue.expected)})`;
      return `must be ${expected(issue.expected)}`;
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${issue.minimum} ${issue.minimum === 1 ? 'entry' : 'entries'}`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      return `must be at most ${issue.maximum}`;
    case 'invalid_key':
      return 'is not a currency code: write it in capitals, such as GBP or EUR';
    default:
      // Our own schema messages (regexes, refinements) already say what to write.
      return issue.message;
  }
}

function expected(type: string): string {
  const words: Record<string, string> = {
    int: 'a whole number',
    number: 'a number',
    string: 'text',
    boolean: 'true or false',
    array: 'a list',
    object: 'an object with fields',
    record: 'an object with fields',
  };
  return words[type] ?? type;
}

/** The field names of the object schema at `path`, for "did you mean" hints. */
function fieldsAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let current: unknown = schema;
  for (const segment of [...path, null]) {
    current = unwrap(current);
    if (segment === null) break;
    if (current instanceof z.ZodArray && typeof segment === 'number') current = current.element;
    else if (current instanceof z.ZodObject && typeof segment === 'string') current = current.shape[segment];
    else return undefined;
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : undefined;
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable) current = current.unwrap();
  return current;
}

/** `steps[3].template: …; steps[4].key: …`, for a one-line error message. */
export function problemsInOneLine(problems: readonly PathProblem[]): string {
  return problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ');
}
