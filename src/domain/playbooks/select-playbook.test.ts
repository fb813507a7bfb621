import { describe, expect, it } from 'vitest';
import { followedPlaybook, selectPlaybook } from './select-playbook.ts';

const customer = { kind: 'business' as const, tags: ['key'], risk: 'normal' as const, customerSince: null, playbookOverride: null };
const context = { today: '2026-11-23', overdue: new Map<string, bigint>() };
const rules = [
  { playbookName: 'tight', conditions: { tagsAny: ['risky'] } },
  { playbookName: 'gentle', conditions: { tagsAny: ['key'] } },
];

describe('selectPlaybook', () => {
  it('names the position of the segment rule that matched, and none for an override or the default', () => {
    expect(selectPlaybook(customer, rules, 'standard', context)).toEqual({ name: 'gentle', reason: 'segment rule 2', rulePosition: 2 });
    expect(selectPlaybook({ ...customer, playbookOverride: 'mine' }, rules, 'standard', context)).toEqual({ name: 'mine', reason: 'set for this customer', rulePosition: null });
    expect(selectPlaybook({ ...customer, tags: [] }, rules, 'standard', context)).toEqual({ name: 'standard', reason: 'the default playbook', rulePosition: null });
  });
});

describe('followedPlaybook', () => {
  const playbooks = new Map([
    ['standard', 'the standard playbook'],
    ['gentle', 'the gentle playbook'],
  ]);

  it('follows the chosen playbook; one no longer there gives way to the default, then to the built-in standard', () => {
    expect(followedPlaybook({ name: 'gentle' }, playbooks, 'standard')).toEqual({ name: 'gentle', playbook: 'the gentle playbook' });
    expect(followedPlaybook({ name: 'removed' }, playbooks, 'gentle')).toEqual({ name: 'gentle', playbook: 'the gentle playbook' });
    expect(followedPlaybook({ name: 'removed' }, playbooks, 'also-removed')).toEqual({ name: 'standard', playbook: 'the standard playbook' });
  });
});
