// `arrears review-policy show | set` as a user runs it, on the embedded database: each setting
// beside its default; set changes only what is given and refuses what is not valid, naming it.
import { describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli.ts';

describe('arrears review-policy (CLI, embedded database)', () => {
  it('shows the defaults, sets a few settings, refuses bad values, and goes back to the defaults', async () => {
    const data = tempDataDir();
    const cli = (...args: string[]) => runCli(['--data', data, ...args]);
    expect((await cli('org', 'create', '--name', 'Review Co', '--currency', 'GBP', '--time-zone', 'Europe/London', '--owner-email', 'o@review.co')).code).toBe(0);

    const shown = await cli('review-policy', 'show');
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/noResponseAfterFinalDays +--after-final-days +14 +14\n/);
    expect(shown.stdout).toMatch(/largeBalance +--large-balance +GBP 5000\.00, USD 5000\.00, EUR 5000\.00 +GBP 5000\.00, USD 5000\.00, EUR 5000\.00\n/);
    expect(shown.stdout).toMatch(/recovery\.agency\.commissionPercent +--agency-commission +25 +25\n/);

    const set = await cli('review-policy', 'set', '--after-final-days', '21', '--large-balance', 'GBP=2500.00', '--large-balance', 'usd=900', '--agency-commission', '12.5', '--json');
    expect(set.code, set.stderr).toBe(0);
    const saved = JSON.parse(set.stdout);
    expect(saved.policy).toMatchObject({ noResponseAfterFinalDays: 21, brokenPromises: 2, largeBalance: { GBP: '2500.00', USD: '900' }, recovery: { agency: { ratePercent: 50, commissionPercent: 12.5 } } });
    expect(saved.defaults).toMatchObject({ noResponseAfterFinalDays: 14, largeBalance: { GBP: '5000.00' } });

    // a second change keeps the first
    expect((await cli('review-policy', 'set', '--court-fee', 'none')).code).toBe(0);
    const after = await cli('review-policy', 'show', '--json');
    expect(JSON.parse(after.stdout).policy).toMatchObject({ noResponseAfterFinalDays: 21, recovery: { smallClaims: { ratePercent: 60, courtFee: {} } } });
    expect((await cli('review-policy', 'show')).stdout).toMatch(/recovery\.smallClaims\.courtFee +--court-fee +none +GBP 115\.00, USD 75\.00, EUR 100\.00\n/);

    const tooLong = await cli('review-policy', 'set', '--days-overdue', '5000');
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toMatch(/the review policy is not valid: daysOverdue: .*3650/);
    const notNumber = await cli('review-policy', 'set', '--broken-promises', 'two');
    expect(notNumber.code).toBe(2);
    expect(notNumber.stderr).toMatch(/--broken-promises takes a whole number \(got "two"\)/);
    const pence = await cli('review-policy', 'set', '--large-balance', 'GBP=10.001');
    expect(pence.code).toBe(2);
    expect(pence.stderr).toMatch(/largeBalance\.GBP: "10\.001" has 3 decimals/);
    const nothing = await cli('review-policy', 'set');
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/say what to change/);
    // refused changes wrote nothing
    expect(JSON.parse((await cli('review-policy', 'show', '--json')).stdout).policy.daysOverdue).toBe(120);

    const reset = await cli('review-policy', 'set', '--defaults', '--json');
    expect(reset.code, reset.stderr).toBe(0);
    const back = JSON.parse(reset.stdout);
    expect(back.policy).toEqual(back.defaults);
  }, 240_000);
});
