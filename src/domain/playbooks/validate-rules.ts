// The segment rules file (`arrears playbook rules set`, PUT /api/v1/playbook-rules): which
// playbook each segment follows, first match wins. A bare list of rules is accepted too.
import { z } from 'zod';
import { conditionsSchema } from './playbook.ts';
import type { PlaybookRule } from './default-playbooks.ts';
import { parseShape, type PathProblem } from './shape-problems.ts';
import { conditionProblems } from './validate-conditions.ts';

export const ruleSchema = z
  .object({
    playbook: z.string().min(1),
    /** All must hold; none (`{}`) matches every customer. */
    conditions: conditionsSchema.default({}),
  })
  .strict();

export const rulesFileSchema = z.object({ rules: z.array(ruleSchema) }).strict();
export type RulesFile = z.infer<typeof rulesFileSchema>;

export type RulesValidation = { ok: true; rules: PlaybookRule[] } | { ok: false; problems: PathProblem[] };

export function validatePlaybookRules(input: unknown, playbookNames: ReadonlySet<string>): RulesValidation {
  const shape = parseShape(rulesFileSchema, Array.isArray(input) ? { rules: input } : input);
  if (!shape.ok) return { ok: false, problems: shape.problems };
  const { rules } = shape.data;
  const known = [...playbookNames].sort().join(', ');
  const problems = rules.flatMap((rule, index): PathProblem[] => {
    const at = `rules[${index}]`;
    const found: PathProblem[] = conditionProblems(rule.conditions, `${at}.conditions`);
    if (!playbookNames.has(rule.playbook)) {
      found.push({ path: `${at}.playbook`, message: `there is no playbook "${rule.playbook}": use one of ${known}, or import it first` });
    }
    // Everything after a rule that matches everyone could never apply.
    if (Object.keys(rule.conditions).length === 0 && index < rules.length - 1) {
      found.push({ path: `${at}.conditions`, message: `this rule matches every customer, so the rules after it never apply: give it conditions or move it last` });
    }
    return found;
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, rules: rules.map((rule) => ({ playbookName: rule.playbook, conditions: rule.conditions })) };
}

/** The rules as written in a rules file, so `rules` output re-imports unchanged. */
export function toRulesFile(rules: readonly PlaybookRule[]): RulesFile {
  return { rules: rules.map((rule) => ({ playbook: rule.playbookName, conditions: rule.conditions })) };
}
