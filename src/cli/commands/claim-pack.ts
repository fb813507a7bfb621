// `arrears claim-pack <customer> --out pack.pdf`: the small-claims pack for England and Wales or a
// US state in the table (docs/hand-over.md), or the reasons it may not be made.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { prepareClaimPack } from '../../app/claims/prepare-claim-pack.ts';
import { formatMoney } from '../../domain/money.ts';
import { AppError } from '../../errors.ts';
import { withOrg } from '../context.ts';
import { orgToday } from '../dates.ts';
import { printJson } from '../output.ts';

export function registerClaimPackCommand(program: Command): void {
  program
    .command('claim-pack')
    .description('prepare the small-claims pack (PDF) for a customer’s overdue invoices, or say why not (not legal advice)')
    .argument('<customer>', 'the customer’s external id')
    .option('--out <file>', 'where to write the PDF (required)')
    .option('--json', 'print JSON')
    .action(async (externalId: string, options: { out?: string; json?: boolean }, command: Command) => {
      if (options.out === undefined) throw new AppError('invalid_input', 'say where to write the pack with --out pack.pdf');
      const out = options.out;
      const pack = await withOrg(command, (database, org, config) => prepareClaimPack(database.db, org, { externalId }, orgToday(org, config)));
      writeFileSync(out, pack.pdf);
      if (options.json) return printJson({ court: pack.court, currency: pack.currency, total: pack.total, fee: pack.fee, out });
      process.stdout.write(`Wrote ${out}: a claim of ${formatMoney(pack.total, pack.currency)} in the ${pack.court}, court fee ${formatMoney(pack.fee, pack.currency)}. It is not legal advice: check it before filing.\n`);
    });
}
