// What a password chosen by a person must be: long enough to resist guessing, short enough to hash.
import { AppError } from '../../errors.ts';

export const passwordMinLength = 10;
export const passwordMaxLength = 200;

export function requireAcceptablePassword(password: string, field = 'password'): void {
  if (password.length < passwordMinLength) throw new AppError('invalid_input', `${field}: must be at least ${passwordMinLength} characters`);
  if (password.length > passwordMaxLength) throw new AppError('invalid_input', `${field}: must be at most ${passwordMaxLength} characters`);
}
