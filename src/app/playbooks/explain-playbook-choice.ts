// "Why does this customer follow this playbook?": the same choice the daily cycle makes
// (selectPlaybook over the organisation's playbooks and rules), in words.
import type { Executor } from '../../db/executor.ts';
import { findCustomer } from '../../db/queries/customers.ts';
import { overdueByCurrency } from '../../db/queries/playbooks.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { describeConditions } from '../../domain/playbooks/describe-conditions.ts';
import type { Conditions, PlaybookVersion } from '../../domain/playbooks/playbook.ts';
import { followedPlaybook, selectPlaybook } from '../../domain/playbooks/select-playbook.ts';
import { AppError } from '../../errors.ts';
import { loadPlaybooks } from './load-playbooks.ts';

export interface PlaybookExplanation {
  customerId: bigint;
  playbook: string;
  /** The version in use (0: built-in), or null when no playbook has that name. */
  version: number | null;
  /** One sentence: override, which segment rule (and what it matches), or the default. */
  reason: string;
  /** The segment rule that matched, if one did. */
  rule: { position: number; source: 'built-in' | 'organisation'; conditions: Conditions } | null;
  /** Set when the customer is excluded from collection: the playbook is then not followed. */
  excludedReason: string | null;
  /** The playbook the daily cycle follows for the customer (the chosen one, or the fallback when it does not exist). */
  followed: PlaybookVersion;
}

export async function explainPlaybookChoice(db: Executor, orgId: bigint, customerId: bigint, today: IsoDate): Promise<PlaybookExplanation> {
  const customer = await findCustomer(db, orgId, customerId);
  if (!customer) throw new AppError('not_found', `there is no customer ${customerId}`);
  const setup = await loadPlaybooks(db, orgId);
  const overdue = await overdueByCurrency(db, orgId, customerId, today);
  const profile = { kind: customer.kind, tags: customer.tags, risk: customer.risk, customerSince: customer.customer_since, playbookOverride: customer.playbook_override };
  const choice = selectPlaybook(profile, setup.rules, setup.settings.defaultPlaybook, { today, overdue });
  const matched = choice.rulePosition === null ? undefined : setup.rules[choice.rulePosition - 1];
  const rule = matched ? { position: choice.rulePosition!, source: setup.rulesSource, conditions: matched.conditions } : null;
  const inUse = setup.playbooks.get(choice.name);
  const followed = followedPlaybook(choice, setup.playbooks, setup.settings.defaultPlaybook);
  let reason = rule ? `${setup.rulesSource === 'built-in' ? 'built-in ' : ''}${choice.reason}: ${describeConditions(rule.conditions)}` : choice.reason;
  if (!inUse) reason += `; but there is no playbook "${choice.name}", so the daily cycle follows "${followed.name}" instead: import it or choose another`;
  if (customer.excluded_reason) reason += `; the customer is excluded from collection (${customer.excluded_reason}), so it is not followed`;
  return { customerId, playbook: choice.name, version: inUse?.version ?? null, reason, rule, excludedReason: customer.excluded_reason, followed: followed.playbook };
}
