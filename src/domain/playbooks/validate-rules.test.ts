import { describe, expect, it } from 'vitest';
import { builtInPlaybookRules } from './default-playbooks.ts';
import { toRulesFile, validatePlaybookRules } from './validate-rules.ts';

const names = new Set(['standard', 'gentle', 'tight']);

describe('validatePlaybookRules', () => {
  it('accepts a rules file or a bare list, and round-trips the built-in rules', () => {
    const file = toRulesFile(builtInPlaybookRules);
    expect(validatePlaybookRules(file, names)).toEqual({ ok: true, rules: builtInPlaybookRules });
    expect(validatePlaybookRules(file.rules, names)).toEqual({ ok: true, rules: builtInPlaybookRules });
    expect(validatePlaybookRules({ rules: [] }, names)).toEqual({ ok: true, rules: [] });
  });

  it('names an unknown playbook, bad conditions and a catch-all rule that hides the rest', () => {
    const result = validatePlaybookRules(
      [{ playbook: 'soft' }, { playbook: 'gentle', conditions: { tagsAny: [] } }, { playbook: 'tight', conditions: { minBalance: { GBP: '1.234' } } }, { playbook: 'standard' }],
      names,
    );
    expect(result).toEqual({ ok: false, problems: [{ path: 'rules[1].conditions.tagsAny', message: 'needs at least 1 entry' }] });
    const semantic = validatePlaybookRules([{ playbook: 'soft' }, { playbook: 'tight', conditions: { minBalance: { GBP: '1.234' } } }, { playbook: 'standard' }], names);
    expect(semantic.ok ? [] : semantic.problems.map((p) => p.path)).toEqual(['rules[0].playbook', 'rules[0].conditions', 'rules[1].conditions.minBalance.GBP']);
    expect(semantic.ok ? '' : semantic.problems[0]!.message).toBe('there is no playbook "soft": use one of gentle, standard, tight, or import it first');
  });
});
