// Free text a person must give (a reason, a resolution): trimmed, not empty, not endless.
import { AppError } from '../../errors.ts';

/** The trimmed text, or invalid_input: `whenMissing` says what to write; `field` names it when too long. */
export function requiredText(value: string | null | undefined, field: string, max: number, whenMissing: string): string {
  const text = value?.trim() ?? '';
  if (text === '') throw new AppError('invalid_input', whenMissing);
  if (text.length > max) throw new AppError('invalid_input', `${field} is ${text.length} characters long; shorten it to at most ${max}`);
  return text;
}

/** Optional free text: trimmed, empty meaning none. */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  if (text.length > max) throw new AppError('invalid_input', `${field} is ${text.length} characters long; shorten it to at most ${max}`);
  return text;
}
