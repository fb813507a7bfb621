// Kysely table types, matching src/db/migrations. Money columns are bigint minor units; dates are
// 'YYYY-MM-DD' strings; timestamps ISO 8601 strings (see type-parsers.ts).
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { ActionStatus } from '../domain/actions/action-status.ts';
import type { ImportKind } from '../domain/import-kinds.ts';
import type { PlacementStatus } from '../domain/placements/placement-status.ts';
import type { Channel, MessageChannel, Tone } from '../domain/playbooks/playbook.ts';

type Timestamp = ColumnType<string, string | undefined, string>;
type Json<T = unknown> = ColumnType<T, string | undefined, string>;
/** Kept by triggers: readable, never written by the application. */
type Derived<T> = ColumnType<T, never, never>;

export type Role = 'owner' | 'collector' | 'viewer';
export type CustomerKind = 'business' | 'consumer';
export type InvoiceStatus = 'open' | 'paid' | 'void' | 'written_off';
export type { ImportKind };

export interface OrgsTable {
  id: Generated<bigint>;
  slug: string;
  name: string;
  default_currency: string;
  country: string | null;
  region: string | null;
  time_zone: Generated<string>;
  sender_name: string | null;
  sender_email: string | null;
  settings: Json<Record<string, unknown>>;
  created_at: Timestamp;
  /** Letterhead (migration 0006): address lines, phone, and where replies to emails go. */
  postal_address: Generated<string[]>;
  phone: ColumnType<string | null, string | null | undefined, string | null>;
  reply_to: ColumnType<string | null, string | null | undefined, string | null>;
  /** The organisation's own SMTP server (migration 0006); null: SMTP_URL. */
  smtp_url: ColumnType<string | null, string | null | undefined, string | null>;
  /** How debtors pay, in the organisation's words (migration 0011); null when not set. */
  payment_instructions: ColumnType<string | null, string | null | undefined, string | null>;
  /** The paper letters are printed on (migration 0012): 'A4' | 'Letter'; null: by country. */
  paper_size: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface UsersTable {
  org_id: bigint;
  id: Generated<bigint>;
  email: string;
  name: string | null;
  role: Role;
  password_hash: string | null;
  created_at: Timestamp;
  /** When the owner deactivated this user (migration 0017); null: active. */
  deactivated_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A signed-in browser (migration 0017); the cookie holds the token, the row only its hash. */
export interface SessionsTable {
  org_id: bigint;
  id: Generated<bigint>;
  user_id: bigint;
  token_hash: string;
  created_at: string;
  last_seen_at: string;
  idle_expires_at: string;
  expires_at: string;
  ended_at: ColumnType<string | null, string | null | undefined, string | null>;
  ended_reason: ColumnType<string | null, string | null | undefined, string | null>;
  user_agent: string | null;
}

export interface InvitesTable {
  org_id: bigint;
  id: Generated<bigint>;
  email: string;
  role: Role;
  token_hash: string;
  invited_by: bigint | null;
  created_at: string;
  expires_at: string;
  accepted_at: ColumnType<string | null, string | null | undefined, string | null>;
  revoked_at: ColumnType<string | null, string | null | undefined, string | null>;
  user_id: ColumnType<bigint | null, bigint | null | undefined, bigint | null>;
}

export interface LoginFailuresTable {
  id: Generated<bigint>;
  account: string;
  address: string;
  failed_at: string;
}

export interface ApiKeysTable {
  org_id: bigint;
  id: Generated<bigint>;
  name: string;
  role: Role;
  key_prefix: string;
  key_hash: string;
  created_at: Timestamp;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CustomersTable {
  org_id: bigint;
  id: Generated<bigint>;
  external_id: string;
  name: string;
  kind: Generated<CustomerKind>;
  country: string | null;
  region: string | null;
  time_zone: string | null;
  language: string | null;
  currency: string;
  customer_since: string | null;
  tags: Generated<string[]>;
  credit_limit: bigint | null;
  risk: Generated<'low' | 'normal' | 'high'>;
  source: Generated<string>;
  playbook_override: ColumnType<string | null, string | null | undefined, string | null>;
  excluded_reason: ColumnType<string | null, string | null | undefined, string | null>;
  charges_liable: Generated<boolean>;
  charge_policy: ColumnType<unknown | null, string | null | undefined, string | null>;
  cease_requested_on: ColumnType<string | null, string | null | undefined, string | null>;
  attorney_represented: Generated<boolean>;
  bankruptcy: Generated<boolean>;
  breathing_space_until: ColumnType<string | null, string | null | undefined, string | null>;
  inconvenient_times: ColumnType<Array<{ from: string; to: string }>, string | undefined, string>;
  /** For an agency: the creditor the debt is owed to (migration 0006). */
  creditor_name: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the customer's personal data was erased (migration 0005); null: never. */
  erased_at: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ContactsTable {
  org_id: bigint;
  id: Generated<bigint>;
  customer_id: bigint;
  name: string | null;
  role: Generated<'billing' | 'primary' | 'other'>;
  email: string | null;
  email_source: string | null;
  phone: string | null;
  phone_source: string | null;
  address_line1: string | null;
  address_line2: string | null;
  address_line3: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
  address_source: string | null;
  opt_out_email: Generated<boolean>;
  opt_out_sms: Generated<boolean>;
  opt_out_phone: Generated<boolean>;
  opt_out_letter: Generated<boolean>;
  import_key: string | null;
  email_bounced_at: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ImportsTable {
  org_id: bigint;
  id: Generated<bigint>;
  kind: ImportKind;
  format: string;
  file_name: string;
  status: 'running' | 'completed' | 'rejected' | 'failed';
  dry_run: Generated<boolean>;
  partial: Generated<boolean>;
  summary: Json<Record<string, unknown>>;
  problems: Json<unknown[]>;
  problem_count: Generated<number>;
  started_at: Timestamp;
  finished_at: string | null;
  /** Touched while the import runs (migration 0014); a running import with an old one was interrupted. */
  heartbeat_at: Timestamp;
  /** How far it has got (migration 0027); null before that, and for imports logged before it. */
  progress: Json<ImportProgress | null>;
}

export interface ImportProgress {
  phase: 'reading' | 'checking' | 'writing' | 'done';
  /** Data rows read from the file, and stored in the import's stage. */
  rowsRead: number;
  rowsStaged: number;
  /** Chunks of whole customers: each is checked, then written in a transaction of its own. */
  chunks: number;
  chunksChecked: number;
  chunksWritten: number;
  /** File rows in the chunks written. */
  rowsWritten: number;
}

export interface InvoicesTable {
  org_id: bigint;
  id: Generated<bigint>;
  customer_id: bigint;
  number: string;
  external_id: string | null;
  issue_date: string;
  due_date: string;
  currency: string;
  total: bigint;
  terms: string | null;
  status: Generated<InvoiceStatus>;
  allocated: Derived<bigint>;
  charged: Derived<bigint>;
  balance: Derived<bigint>;
  /** Already paid in the accounting system when first imported (part of `allocated`; migration 0007). */
  opening_paid: Derived<bigint>;
  opening_paid_on: Derived<string | null>;
  /** False: the import knew only the open balance, which `total` holds; the original total is unknown (migration 0013). */
  total_known: Generated<boolean>;
  paid_on: Derived<string | null>;
  source: Generated<string>;
  import_id: bigint | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PaymentsTable {
  org_id: bigint;
  id: Generated<bigint>;
  customer_id: bigint;
  external_id: string | null;
  received_on: string;
  amount: bigint;
  currency: string;
  allocated: Derived<bigint>;
  /** Applied to invoices in the accounting system before it was imported (part of `allocated`; migration 0013). */
  opening_applied: Generated<bigint>;
  method: string | null;
  reference: string | null;
  source: Generated<string>;
  import_id: bigint | null;
  created_at: Timestamp;
}

export interface CreditNotesTable {
  org_id: bigint;
  id: Generated<bigint>;
  customer_id: bigint;
  number: string;
  external_id: string | null;
  issue_date: string;
  currency: string;
  total: bigint;
  allocated: Derived<bigint>;
  /** Applied to invoices in the accounting system before it was imported (part of `allocated`; migration 0013). */
  opening_applied: Generated<bigint>;
  reason: string | null;
  source: Generated<string>;
  created_at: Timestamp;
}

export interface AllocationsTable {
  org_id: bigint;
  id: Generated<bigint>;
  invoice_id: bigint;
  payment_id: bigint | null;
  credit_note_id: bigint | null;
  amount: bigint;
  allocated_on: string;
  created_at: Timestamp;
}

export interface ChargesTable {
  org_id: bigint;
  id: Generated<bigint>;
  invoice_id: bigint;
  kind: 'fee' | 'interest' | 'compensation';
  amount: bigint;
  charged_on: string;
  calculation: Json<Record<string, unknown>>;
  idempotency_key: ColumnType<string | null, string | null | undefined, never>;
  created_at: Timestamp;
}

export interface DisputesTable {
  org_id: bigint;
  id: Generated<bigint>;
  invoice_id: bigint;
  status: Generated<'open' | 'resolved'>;
  reason_code: Generated<string>;
  reason: string | null;
  amount: bigint | null;
  opened_on: string;
  resolved_on: string | null;
  resolution: string | null;
  /** Set when resolved (migration 0004); null while open. */
  outcome: ColumnType<'upheld' | 'rejected' | 'partially_upheld' | null, 'upheld' | 'rejected' | 'partially_upheld' | null | undefined>;
  created_at: Timestamp;
}

export interface ActivitiesTable {
  org_id: bigint;
  id: Generated<bigint>;
  customer_id: bigint | null;
  kind: string;
  occurred_at: Timestamp;
  actor: string;
  summary: string;
  data: Json<Record<string, unknown>>;
}

export type { ActionStatus, Channel, Tone };
export type CaseStatus = 'active' | 'paused' | 'arrangement' | 'agency' | 'legal' | 'closed';

export interface PlaybooksTable {
  org_id: bigint;
  id: Generated<bigint>;
  name: string;
  version: number;
  definition: Json<unknown>;
  created_by: string;
  created_at: Timestamp;
}

export interface PlaybookRulesTable {
  org_id: bigint;
  id: Generated<bigint>;
  position: number;
  playbook_name: string;
  conditions: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface CasesTable {
  org_id: bigint;
  id: Generated<bigint>;
  customer_id: bigint;
  status: Generated<CaseStatus>;
  opened_on: string;
  closed_on: string | null;
  reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ActionsTable {
  org_id: bigint;
  id: Generated<bigint>;
  customer_id: bigint;
  case_id: bigint | null;
  idempotency_key: string;
  cycle_date: string;
  kind: 'send' | 'task';
  channel: Channel;
  playbook_name: string | null;
  playbook_version: number | null;
  step_key: string;
  step_name: string;
  step_index: Generated<number>;
  tone: Tone | null;
  template: string | null;
  status: ActionStatus;
  due_at: string;
  rule: string | null;
  reason: string | null;
  invoice_ids: Generated<bigint[]>;
  invoice_numbers: Generated<string[]>;
  amounts: Json<Record<string, bigint | string | number>>;
  data: Json<Record<string, unknown>>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Outbox state (migration 0006): send attempts so far, when the next may start, the lease of the dispatcher holding it. */
  attempts: Generated<number>;
  next_attempt_at: ColumnType<string | null, string | null | undefined, string | null>;
  lease_until: ColumnType<string | null, string | null | undefined, string | null>;
  claimed_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** Chosen when the send is claimed, before anything leaves. */
  message_id: ColumnType<string | null, string | null | undefined, string | null>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  finished_at: ColumnType<string | null, string | null | undefined, string | null>;
  deadline_on: ColumnType<string | null, string | null | undefined, string | null>;
  sent_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export type { MessageChannel };

export interface TemplatesTable {
  org_id: bigint;
  id: Generated<bigint>;
  name: string;
  channel: MessageChannel;
  language: string;
  version: number;
  subject: string | null;
  body: string;
  voicemail: string | null;
  source_hash: string;
  created_by: string;
  created_at: Timestamp;
}

export interface CommunicationsTable {
  org_id: bigint;
  id: Generated<bigint>;
  customer_id: bigint | null;
  action_id: bigint | null;
  direction: 'outbound' | 'inbound';
  channel: MessageChannel;
  template_name: string | null;
  /** 0: the version Arrears ships; n > 0: the organisation's own version n. */
  template_version: number | null;
  template_hash: string | null;
  language: string | null;
  subject: string | null;
  body_text: string | null;
  body_html: string | null;
  sender: string | null;
  recipients: Json<string[]>;
  message_id: string | null;
  /** smtp | outbox-file | letter | sms-provider | … */
  transport: string;
  delivered: boolean;
  provider_reference: string | null;
  sent_at: Timestamp;
}

export interface CommunicationFilesTable {
  org_id: bigint;
  id: Generated<bigint>;
  communication_id: bigint;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  bytes: Uint8Array;
}

export interface HoldsTable {
  org_id: bigint;
  id: Generated<bigint>;
  customer_id: bigint;
  invoice_id: bigint | null;
  reason: string;
  starts_on: string;
  ends_on: string | null;
  released_on: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface PromisesTable {
  org_id: bigint;
  id: Generated<bigint>;
  customer_id: bigint;
  made_on: string;
  due_on: string;
  amount: bigint;
  currency: string;
  status: Generated<'pending' | 'kept' | 'broken' | 'cancelled'>;
  resolved_on: string | null;
  note: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReferenceRatesTable {
  org_id: bigint;
  id: Generated<bigint>;
  scheme: 'uk_late_payment' | 'eu_late_payment';
  effective_from: string;
  rate_percent: string;
  source: string;
  created_at: Timestamp;
}

export interface CycleRunsTable {
  org_id: bigint;
  id: Generated<bigint>;
  cycle_date: string;
  status: 'running' | 'completed' | 'failed';
  summary: Json<Record<string, unknown>>;
  started_at: Timestamp;
  finished_at: string | null;
}

/** Customers the cycle found nothing new to do for, until `quiet_until` (migration 0009). */
export interface PlanQuietTable {
  org_id: bigint;
  customer_id: bigint;
  planned_on: string;
  quiet_from: string;
  quiet_until: string;
  setup: string;
  skipped: 'excluded' | 'on_hold' | 'promise_pending' | 'nothing_due';
}

/** Writes that may change a customer's plan, by transaction (xid8 as text), until a cycle has seen them (migration 0009). */
export interface PlanStirsTable {
  org_id: bigint;
  customer_id: bigint;
  stirred_by: string;
}

/** A transaction that wrote a row Today's stored figures come from, by organisation (xid8 as text; migration 0026). */
export interface LedgerChangesTable {
  org_id: bigint;
  xid: string;
}

/** Today's ledger figures as last computed, with the snapshot (pg_snapshot as text) they were read in (migration 0026). */
export interface DashboardFiguresTable {
  org_id: bigint;
  as_of: string;
  seen: string;
  figures: string;
}

/** The worklist's stored stake of an action (migration 0032): weight (numeric, as text) and the oldest open due date. */
export interface WorklistStakesTable {
  org_id: bigint;
  action_id: bigint;
  weight: string;
  oldest: string | null;
}

/** The snapshot (pg_snapshot as text) an organisation's worklist stakes are up to date in, and the scales they were weighed with. */
export interface WorklistStakesSeenTable {
  org_id: bigint;
  seen: string;
  scales: string;
}

/** The customers whose invoices a transaction wrote (migration 0032); customer null: every customer. */
export interface StakeChangesTable {
  org_id: bigint;
  xid: string;
  customer_id: bigint | null;
}

export type PaymentPlanStatus = 'proposed' | 'active' | 'completed' | 'broken' | 'defaulted' | 'cancelled';

/** A payment plan over chosen invoices of one customer (migration 0018). */
export interface PaymentPlansTable {
  org_id: bigint;
  id: Generated<bigint>;
  customer_id: bigint;
  currency: string;
  total: bigint;
  status: Generated<PaymentPlanStatus>;
  grace_days: number;
  within_policy: boolean;
  policy_problems: Json<string[]>;
  note: string | null;
  proposed_by: string;
  proposed_on: string;
  accepted_by: string | null;
  accepted_on: string | null;
  missed_seq: number | null;
  broken_on: string | null;
  resolved_on: string | null;
  resolved_by: string | null;
  resolution: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PaymentPlanInvoicesTable {
  org_id: bigint;
  plan_id: bigint;
  invoice_id: bigint;
}

export interface PaymentPlanInstalmentsTable {
  org_id: bigint;
  plan_id: bigint;
  seq: number;
  due_on: string;
  amount: bigint;
  paid: Generated<bigint>;
  paid_on: string | null;
}

export interface WriteOffsTable {
  org_id: bigint;
  id: Generated<bigint>;
  customer_id: bigint;
  invoice_id: bigint;
  amount: bigint;
  currency: string;
  reason_code: 'settlement' | 'uncollectable' | 'bankrupt' | 'deceased' | 'small-balance' | 'dispute-upheld' | 'other';
  note: string | null;
  written_off_on: string;
  created_by: string;
  settlement_id: bigint | null;
  reversed_on: string | null;
  reversed_by: string | null;
  reversal_reason: string | null;
  created_at: Timestamp;
}

export type SettlementStatus = 'awaiting_approval' | 'offered' | 'declined' | 'paid' | 'lapsed' | 'cancelled';

export interface SettlementsTable {
  org_id: bigint;
  id: Generated<bigint>;
  customer_id: bigint;
  currency: string;
  owed: bigint;
  amount: bigint;
  expires_on: string;
  status: SettlementStatus;
  offered_by: string;
  offered_on: string;
  decided_by: string | null;
  decided_on: string | null;
  decision_reason: string | null;
  paid_on: string | null;
  resolved_on: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SettlementInvoicesTable {
  org_id: bigint;
  settlement_id: bigint;
  invoice_id: bigint;
  balance: bigint;
}

/** Accounts handed to a collection agency (migration 0022, docs/hand-over.md). */
export interface PlacementsTable {
  org_id: bigint;
  id: Generated<bigint>;
  agency: string;
  /** Hundredths of a percent: 2500 = 25%. */
  commission_bp: number;
  status: Generated<PlacementStatus>;
  placed_on: string;
  placed_by: string;
  recalled_on: string | null;
  recalled_by: string | null;
  recall_reason: string | null;
  archive: Uint8Array;
  archive_sha256: string;
  created_at: Timestamp;
}

export interface PlacementInvoicesTable {
  org_id: bigint;
  placement_id: bigint;
  customer_id: bigint;
  invoice_id: bigint;
  balance: bigint;
  currency: string;
}

export interface PlacementPaymentsTable {
  org_id: bigint;
  id: Generated<bigint>;
  placement_id: bigint;
  payment_id: bigint;
  customer_id: bigint;
  amount: bigint;
  commission: bigint;
  currency: string;
  received_on: string;
  recorded_by: string;
  created_at: Timestamp;
}

export interface DB {
  orgs: OrgsTable;
  users: UsersTable;
  api_keys: ApiKeysTable;
  sessions: SessionsTable;
  invites: InvitesTable;
  login_failures: LoginFailuresTable;
  customers: CustomersTable;
  contacts: ContactsTable;
  imports: ImportsTable;
  invoices: InvoicesTable;
  payments: PaymentsTable;
  credit_notes: CreditNotesTable;
  allocations: AllocationsTable;
  charges: ChargesTable;
  disputes: DisputesTable;
  activities: ActivitiesTable;
  playbooks: PlaybooksTable;
  playbook_rules: PlaybookRulesTable;
  cases: CasesTable;
  actions: ActionsTable;
  holds: HoldsTable;
  promises: PromisesTable;
  reference_rates: ReferenceRatesTable;
  cycle_runs: CycleRunsTable;
  plan_quiet: PlanQuietTable;
  plan_stirs: PlanStirsTable;
  ledger_changes: LedgerChangesTable;
  dashboard_figures: DashboardFiguresTable;
  worklist_stakes: WorklistStakesTable;
  worklist_stakes_seen: WorklistStakesSeenTable;
  stake_changes: StakeChangesTable;
  templates: TemplatesTable;
  communications: CommunicationsTable;
  communication_files: CommunicationFilesTable;
  payment_plans: PaymentPlansTable;
  payment_plan_invoices: PaymentPlanInvoicesTable;
  payment_plan_instalments: PaymentPlanInstalmentsTable;
  write_offs: WriteOffsTable;
  settlements: SettlementsTable;
  settlement_invoices: SettlementInvoicesTable;
  placements: PlacementsTable;
  placement_invoices: PlacementInvoicesTable;
  placement_payments: PlacementPaymentsTable;
}

export type Org = Selectable<OrgsTable>;
export type Customer = Selectable<CustomersTable>;
export type Contact = Selectable<ContactsTable>;
export type Invoice = Selectable<InvoicesTable>;
export type Payment = Selectable<PaymentsTable>;
export type CreditNote = Selectable<CreditNotesTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type NewInvoice = Insertable<InvoicesTable>;
