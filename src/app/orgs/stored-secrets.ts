// Credentials kept in the database (an organisation's SMTP password) are encrypted with
// AES-256-GCM under ARREARS_SECRET_KEY: a copy of the database (a backup, a dump, a replica)
// gives no one the mailbox. Only the password is sealed: the SMTP URL stays readable
// (`smtps://billing%40acme.com:enc1.….@smtp.acme.com:465`) so the server and user can be shown.
//
// Format of a sealed value: `enc1.` + base64url(12-byte IV | 16-byte tag | ciphertext). Values
// stored before encryption existed (a plain password in the URL) keep working as they are and are
// sealed the next time the SMTP URL is set.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../../errors.ts';

const prefix = 'enc1.';
const keyHelp = 'ARREARS_SECRET_KEY (32 random bytes written as base64 or hex; generate one with `openssl rand -base64 32` and keep it with your backups)';

export function isSealed(value: string): boolean {
  return value.startsWith(prefix);
}

export function sealSecret(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return prefix + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

export function openSecret(value: string, key: Buffer | null, what: string): string {
  if (!isSealed(value)) return value; // stored before encryption: read as it is
  if (!key) throw new AppError('not_configured', `${what} is stored encrypted; set ${keyHelp.replace(' and keep it with your backups', '')} to the key it was stored with`);
  const bytes = Buffer.from(value.slice(prefix.length), 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new AppError('not_configured', `${what} cannot be decrypted: ARREARS_SECRET_KEY is not the key it was stored with; set the original key, or set the credential again`);
  }
}

/** The SMTP URL to store: its password sealed. Refuses a password without a key rather than store it in the clear. */
export function sealSmtpUrl(url: string, key: Buffer | null): string {
  const parsed = new URL(url);
  if (!parsed.password) return url;
  if (!key) throw new AppError('not_configured', `an SMTP password is stored only encrypted, so it needs ${keyHelp}; set it and run the command again`);
  parsed.password = sealSecret(decodeURIComponent(parsed.password), key);
  return parsed.toString();
}

/** The SMTP URL to connect with: its password opened (a legacy plain one as it is). */
export function openSmtpUrl(url: string, key: Buffer | null): string {
  const parsed = new URL(url);
  if (!parsed.password || !isSealed(parsed.password)) return url;
  parsed.password = encodeURIComponent(openSecret(parsed.password, key, 'the SMTP password of this organisation'));
  return parsed.toString();
}
