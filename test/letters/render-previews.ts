// Renders sample letters to PDF and PNG so a person can look at the layout:
//   npx tsx test/letters/render-previews.ts [directory]    (default /tmp/letters-preview)
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderLetter, type LetterInput } from '../../src/channels/letters/render-letter.ts';
import { agencyConsumerModel, claimBody, demandBody, gbModel, usModel, validationBody } from './fixtures.ts';

const directory = process.argv[2] ?? '/tmp/letters-preview';
mkdirSync(directory, { recursive: true });

const samples: Record<string, LetterInput> = {
  'demand-en-US': { kind: 'demand', model: usModel(), body: demandBody },
  'validation-notice-en-US': { kind: 'validation-notice', model: agencyConsumerModel(), body: validationBody, creditor: 'Northwind Design Studio LLC' },
  'letter-of-claim-en-GB': { kind: 'letter-of-claim', model: gbModel({ legalEnabled: true }), body: claimBody },
  'statement-en-GB': { kind: 'statement-of-account', model: gbModel(), body: 'Dear Mr Fletcher,\n\nPlease find your statement of account below.' },
};

for (const [name, input] of Object.entries(samples)) {
  const pdf = join(directory, `${name}.pdf`);
  writeFileSync(pdf, await renderLetter(input));
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(directory, name)]);
  console.log(pdf);
}
