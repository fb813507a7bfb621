// Role checks beyond the API key middleware's "viewers only read": some changes are the owner's
// alone (what the whole organisation does, e.g. its playbooks and segment rules).
import type { Principal } from '../app/access/authenticate-api-key.ts';
import { AppError } from '../errors.ts';

/** `action` completes "… needs the owner role", e.g. "importing a playbook". */
export function requireOwner(principal: Principal, action: string): void {
  if (principal.role === 'owner') return;
  throw new AppError('forbidden', `this API key has the ${principal.role} role; ${action} needs the owner role, so use an owner's key`);
}
