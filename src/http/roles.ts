// Role checks beyond the authentication middleware's "viewers only read": some changes are the
// owner's alone (what the whole organisation does, e.g. its playbooks, users and settings).
import { callerHas, type Principal } from '../app/access/principal.ts';
import { AppError } from '../errors.ts';

/** `action` completes "… needs the owner role", e.g. "importing a playbook". */
export function requireOwner(principal: Principal, action: string): void {
  if (principal.role === 'owner') return;
  const instead = principal.via === 'session' ? 'ask an owner' : "use an owner's key";
  throw new AppError('forbidden', `${callerHas(principal)} the ${principal.role} role; ${action} needs the owner role, so ${instead}`);
}
