// The playbooks Arrears ships, and the segment rules that pick between them out of the box:
// long-standing or key customers get the gentle one, new or risky customers the tight one,
// everyone else the standard one. An organisation's own rows override these by name.
import gentle from './defaults/gentle.json' with { type: 'json' };
import standard from './defaults/standard.json' with { type: 'json' };
import tight from './defaults/tight.json' with { type: 'json' };
import { playbookSchema, type Conditions, type Playbook } from './playbook.ts';

export const builtInPlaybooks: readonly Playbook[] = [standard, gentle, tight].map((definition) => playbookSchema.parse(definition));

export interface PlaybookRule {
  playbookName: string;
  conditions: Conditions;
}

/** First match wins (conditions within a rule must all hold). */
export const builtInPlaybookRules: readonly PlaybookRule[] = [
  { playbookName: 'gentle', conditions: { tagsAny: ['key'] } },
  { playbookName: 'tight', conditions: { risks: ['high'] } },
  { playbookName: 'tight', conditions: { tagsAny: ['risky'] } },
  { playbookName: 'gentle', conditions: { customerForMonthsAtLeast: 24 } },
  { playbookName: 'tight', conditions: { customerForMonthsLessThan: 6 } },
];
