// The copies of what was sent and received: a customer's timeline entries with the copy behind
// each communication, one copy in full, and a stored file's bytes.
import { sql } from 'kysely';
import type { Executor } from '../executor.ts';
import { actorNames } from './actor-names.ts';
import { fetchPage, type Page, type PageRequest } from './page.ts';

export interface FileRef {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** Files of the communications, by communication id (one query). */
async function filesOf(db: Executor, orgId: bigint, communicationIds: readonly bigint[]): Promise<Map<bigint, FileRef[]>> {
  const byCommunication = new Map<bigint, FileRef[]>();
  if (communicationIds.length === 0) return byCommunication;
  const rows = await db
    .selectFrom('communication_files')
    .select(['id', 'communication_id', 'name', 'content_type', 'size', 'sha256'])
    .where('org_id', '=', orgId)
    .where('communication_id', 'in', communicationIds)
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const list = byCommunication.get(row.communication_id) ?? [];
    list.push({ id: row.id.toString(), name: row.name, contentType: row.content_type, size: row.size, sha256: row.sha256 });
    byCommunication.set(row.communication_id, list);
  }
  return byCommunication;
}

function communicationsQuery(db: Executor, orgId: bigint) {
  return db
    .selectFrom('communications')
    .select(['id', 'customer_id', 'action_id', 'direction', 'channel', 'template_name', 'template_version', 'template_hash', 'language', 'subject', 'body_text', 'body_html', 'sender', 'recipients', 'message_id', 'transport', 'delivered', 'provider_reference', 'sent_at'])
    .where('org_id', '=', orgId);
}

export type CommunicationRow = Awaited<ReturnType<ReturnType<typeof communicationsQuery>['executeTakeFirstOrThrow']>> & { files: FileRef[] };

export async function findCommunication(db: Executor, orgId: bigint, id: bigint): Promise<CommunicationRow | undefined> {
  const row = await communicationsQuery(db, orgId).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return { ...row, files: (await filesOf(db, orgId, [row.id])).get(row.id) ?? [] };
}

export async function findCommunicationFile(db: Executor, orgId: bigint, communicationId: bigint, fileId: bigint) {
  return db
    .selectFrom('communication_files')
    .select(['name', 'content_type', 'bytes'])
    .where('org_id', '=', orgId)
    .where('communication_id', '=', communicationId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}

export interface TimelineEntry {
  id: bigint;
  kind: string;
  occurredAt: string;
  actor: string;
  /** Who the actor is, in words: the user's name (or email), the API key's name; null for the system, an import … */
  actorName: string | null;
  summary: string;
  data: Record<string, unknown>;
  /** The copy behind a sent or received message (without its text: GET the communication for that). */
  communication: (Omit<CommunicationRow, 'body_text' | 'body_html'>) | null;
}

/** A customer's timeline, oldest first (or newest first: `page.descending`), each message entry with its copy's details and who acted. */
export async function customerTimeline(db: Executor, orgId: bigint, customerId: bigint, page: PageRequest): Promise<Page<TimelineEntry>> {
  const activities = await fetchPage(
    db.selectFrom('activities').select(['id', 'kind', 'occurred_at', 'actor', 'summary', 'data']).where('org_id', '=', orgId).where('customer_id', '=', customerId),
    'activities.id',
    page,
  );
  const communicationIds = activities.rows
    .map((row) => (row.data as { communicationId?: unknown }).communicationId)
    .filter((id): id is string => typeof id === 'string' && /^\d+$/.test(id))
    .map(BigInt);
  const communications = communicationIds.length === 0
    ? []
    : await db
        .selectFrom('communications')
        .select(['id', 'customer_id', 'action_id', 'direction', 'channel', 'template_name', 'template_version', 'template_hash', 'language', 'subject', 'sender', 'recipients', 'message_id', 'transport', 'delivered', 'provider_reference', 'sent_at'])
        .where('org_id', '=', orgId)
        .where('id', 'in', communicationIds)
        .execute();
  const files = await filesOf(db, orgId, communicationIds);
  const byId = new Map(communications.map((row) => [row.id, { ...row, files: files.get(row.id) ?? [] }]));
  const names = await actorNames(db, orgId, activities.rows.map((row) => row.actor));
  return {
    nextAfter: activities.nextAfter,
    rows: activities.rows.map((row) => {
      const id = (row.data as { communicationId?: unknown }).communicationId;
      return {
        id: row.id,
        kind: row.kind,
        occurredAt: row.occurred_at,
        actor: row.actor,
        actorName: names.get(row.actor) ?? null,
        summary: row.summary,
        data: row.data as Record<string, unknown>,
        communication: typeof id === 'string' && /^\d+$/.test(id) ? (byId.get(BigInt(id)) ?? null) : null,
      };
    }),
  };
}

/** Whether the customer exists in this organisation (a timeline of an unknown customer is a 404). */
export async function customerExists(db: Executor, orgId: bigint, customerId: bigint): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`select exists (select 1 from customers where org_id = ${orgId} and id = ${customerId}) as found`.execute(db);
  return rows[0]?.found ?? false;
}
