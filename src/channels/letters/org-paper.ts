// The paper an organisation's letters are printed on: its own setting (`arrears org set
// --paper-size`, migration 0012), else the usual paper of its country.
import type { Org } from '../../db/schema.ts';
import { defaultPaperSize, paperSizes, type PaperSize } from './paper.ts';

export function orgPaperSize(org: Pick<Org, 'paper_size' | 'country'>): PaperSize {
  return org.paper_size !== null && (paperSizes as readonly string[]).includes(org.paper_size) ? (org.paper_size as PaperSize) : defaultPaperSize(org.country);
}
