-- Communications: message templates an organisation edits (versioned), the outbox state of each
-- action, and the exact copy of every message sent or received (append-only).

-- An organisation's own wording of a shipped template, per channel and language. A change is a new
-- version; the highest version is in use. Versions are linted before they are stored
-- (src/app/save-template.ts); rows are never updated.
create table templates (
  org_id bigint not null references orgs (id),
  id bigint generated always as identity,
  name text not null,
  channel text not null check (channel in ('email', 'letter', 'sms', 'call')),
  language text not null,
  version integer not null check (version > 0),
  subject text,
  body text not null,
  -- call scripts only: the limited-content voicemail script
  voicemail text,
  source_hash text not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, name, channel, language, version)
);
create trigger templates_append_only before update or delete on templates
  for each row execute function refuse_change();

-- The outbox: a send action is claimed by one dispatcher ('sending', with a lease), sent, and
-- marked 'sent' in the transaction that stores its communication. A failure goes back to 'ready'
-- with a later next_attempt_at, then to 'failed'. The Message-ID is chosen and stored at the
-- claim, before anything leaves, so a send repeated after a crash carries the same one.
alter table actions drop constraint actions_status_check;
alter table actions add constraint actions_status_check
  check (status in ('planned', 'ready', 'sending', 'sent', 'done', 'deferred', 'blocked', 'failed', 'cancelled'));
alter table actions
  add column attempts integer not null default 0,
  add column next_attempt_at timestamptz,
  add column lease_until timestamptz,
  add column claimed_by text,
  add column message_id text,
  add column last_error text,
  add column finished_at timestamptz;
-- What the dispatchers scan: due sends across all organisations.
create index actions_outbox on actions (due_at) where kind = 'send' and status in ('ready', 'deferred', 'sending');

-- The exact copy of a message: what was sent (or received) and to whom, with the template version
-- that produced it. One outbound communication per action at most: the unique index is what
-- makes a send recorded exactly once, whatever number of dispatchers run.
create table communications (
  org_id bigint not null,
  id bigint generated always as identity,
  customer_id bigint,
  action_id bigint,
  direction text not null check (direction in ('outbound', 'inbound')),
  channel text not null check (channel in ('email', 'letter', 'sms', 'call')),
  template_name text,
  template_version integer,
  template_hash text,
  language text,
  subject text,
  body_text text,
  body_html text,
  sender text,
  recipients jsonb not null default '[]',
  message_id text,
  transport text not null,
  delivered boolean not null,
  provider_reference text,
  sent_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, customer_id) references customers (org_id, id),
  foreign key (org_id, action_id) references actions (org_id, id)
);
create unique index communications_one_per_action on communications (org_id, action_id) where direction = 'outbound';
create index communications_customer on communications (org_id, customer_id, sent_at);

-- Attachments and letters: the bytes as sent, with their SHA-256.
create table communication_files (
  org_id bigint not null,
  id bigint generated always as identity,
  communication_id bigint not null,
  name text not null,
  content_type text not null,
  size integer not null,
  sha256 text not null,
  bytes bytea not null,
  primary key (org_id, id),
  foreign key (org_id, communication_id) references communications (org_id, id)
);
create index communication_files_communication on communication_files (org_id, communication_id);

-- Same rule as the timeline (0005): never updated; deleted only by the erasure of one customer.
create function refuse_communication_change() returns trigger language plpgsql as $$
declare
  customer bigint;
begin
  if tg_op = 'DELETE' then
    customer := case when tg_table_name = 'communication_files'
      then (select c.customer_id from communications c where c.org_id = old.org_id and c.id = old.communication_id)
      else old.customer_id end;
    if customer is not null
       and coalesce(current_setting('arrears.purge_customer', true), '') = old.org_id::text || ':' || customer::text then
      return old;
    end if;
  end if;
  raise exception '% is append-only: nothing sent can be changed', tg_table_name
    using errcode = 'restrict_violation';
end $$;
create trigger communications_append_only before update or delete on communications
  for each row execute function refuse_communication_change();
create trigger communication_files_append_only before update or delete on communication_files
  for each row execute function refuse_communication_change();


-- For an agency: the creditor a customer's debt is owed to (the agency's client), which the
-- Regulation F validation notice must name.
alter table customers add column creditor_name text;

-- The organisation's letterhead and reply address: letters and email signatures carry them. Its
-- own SMTP server, when it has one (a host sends each organisation's mail through the
-- organisation's provider, so it leaves from that domain); null: the server's SMTP_URL.
alter table orgs
  add column postal_address text[] not null default '{}',
  add column phone text,
  add column reply_to text,
  add column smtp_url text check (smtp_url ~ '^smtps?://');

-- A provider may deliver the same inbound message twice (its webhook retries): kept once.
create unique index communications_inbound_reference on communications (org_id, provider_reference)
  where direction = 'inbound' and provider_reference is not null;
