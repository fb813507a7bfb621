// Write-offs: why a debt is given up, as a fixed list so reports can count write-offs by cause.
import { formatMoney } from '../money.ts';

export const writeOffReasonCodes = ['settlement', 'uncollectable', 'bankrupt', 'deceased', 'small-balance', 'dispute-upheld', 'other'] as const;
export type WriteOffReasonCode = (typeof writeOffReasonCodes)[number];

export const writeOffReasonLabels: Record<WriteOffReasonCode, string> = {
  settlement: 'settled for less',
  uncollectable: 'uncollectable',
  bankrupt: 'customer bankrupt or insolvent',
  deceased: 'customer deceased',
  'small-balance': 'balance too small to pursue',
  'dispute-upheld': 'dispute upheld',
  other: 'other',
};

/** The timeline's sentence for a write-off, the same whoever made it (an owner, a settlement paid, the policy). */
export function writeOffSummary(writeOff: { number: string; amount: bigint; currency: string; reasonCode: WriteOffReasonCode; note: string | null }): string {
  return `Invoice ${writeOff.number} written off: ${formatMoney(writeOff.amount, writeOff.currency)}, ${writeOffReasonLabels[writeOff.reasonCode]}${writeOff.note ? `: ${writeOff.note}` : ''}`;
}

export function isWriteOffReasonCode(code: string): code is WriteOffReasonCode {
  return (writeOffReasonCodes as readonly string[]).includes(code);
}
