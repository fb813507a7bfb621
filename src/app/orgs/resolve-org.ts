// Which organisation a CLI command acts on: the one named by --org, or the only one there is.
import type { Executor } from '../../db/executor.ts';
import { findOrgBySlug, listOrgs } from '../../db/queries/orgs.ts';
import type { Org } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';

export async function resolveOrg(db: Executor, slug: string | undefined): Promise<Org> {
  if (slug) {
    const org = await findOrgBySlug(db, slug);
    if (!org) throw new AppError('not_found', `no organisation with the slug "${slug}"; \`arrears org list\` shows them`);
    return org;
  }
  const orgs = await listOrgs(db);
  if (orgs.length === 1) return orgs[0]!;
  if (orgs.length === 0) throw new AppError('not_found', 'there is no organisation yet; run `arrears start` once, or `arrears org create`');
  throw new AppError('org_required', `there are ${orgs.length} organisations; choose one with --org <slug> (${orgs.map((o) => o.slug).join(', ')})`);
}
