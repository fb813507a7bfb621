// Replaces an organisation's segment rules (which playbook each segment follows, first match
// wins). An empty list removes the organisation's own rules, so the built-in rules apply again;
// to send everyone to the default playbook, set one rule without conditions naming it.
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { playbookNames } from '../../db/queries/playbooks.ts';
import { builtInPlaybookRules, builtInPlaybooks, type PlaybookRule } from '../../domain/playbooks/default-playbooks.ts';
import { problemsInOneLine } from '../../domain/playbooks/shape-problems.ts';
import { validatePlaybookRules } from '../../domain/playbooks/validate-rules.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';

export interface PlaybookRules {
  source: 'built-in' | 'organisation';
  rules: PlaybookRule[];
}

export async function setPlaybookRules(db: Executor, orgId: bigint, input: unknown, actor: string, now: Temporal.Instant): Promise<PlaybookRules> {
  return inTransaction(db, async (tx) => {
    const names = new Set([...builtInPlaybooks.map((p) => p.name), ...(await playbookNames(tx, orgId))]);
    const validation = validatePlaybookRules(input, names);
    if (!validation.ok) {
      throw new AppError('invalid_input', `the rules are not valid; change this and set them again: ${problemsInOneLine(validation.problems)}`, { problems: validation.problems });
    }
    const { rules } = validation;
    await tx.deleteFrom('playbook_rules').where('org_id', '=', orgId).execute();
    if (rules.length > 0) {
      await tx
        .insertInto('playbook_rules')
        .values(rules.map((rule, index) => ({ org_id: orgId, position: index + 1, playbook_name: rule.playbookName, conditions: JSON.stringify(rule.conditions) })))
        .execute();
    }
    await recordActivity(tx, orgId, {
      customerId: null,
      kind: 'playbook_rules_changed',
      actor,
      summary: rules.length > 0 ? `Segment rules set (${rules.length})` : 'Segment rules removed: the built-in rules apply',
      data: { rules: rules.map((rule) => ({ playbook: rule.playbookName, conditions: rule.conditions })) },
      at: now,
    });
    return rules.length > 0 ? { source: 'organisation', rules } : { source: 'built-in', rules: [...builtInPlaybookRules] };
  });
}
