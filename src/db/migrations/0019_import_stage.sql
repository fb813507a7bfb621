-- An import's rows between reading the file and writing them to the ledger (src/app/import/import-stage.ts).
-- PGlite has one connection: an import held in one transaction froze every other request for as
-- long as it ran. Rows are staged here in short transactions instead, then checked and written
-- chunk by chunk, each chunk in its own short transaction. `chunk` groups the rows that must be
-- written together (a customer's rows, rows sharing an invoice number or payment id); `number` lets
-- an open-invoices report ask "is this invoice anywhere in the file?" across chunks.
-- Unlogged: a crash interrupts the import anyway, and the stage is then of no use.
create unlogged table import_stage (
  org_id bigint not null references orgs (id),
  stage_key uuid not null,
  chunk integer not null,
  line integer not null,
  number text,
  record jsonb not null,
  created_at timestamptz not null default now(),
  primary key (org_id, stage_key, chunk, line)
);
create index import_stage_numbers on import_stage (org_id, stage_key, number) where number is not null;

-- How far a running import has got: { phase: reading | checking | writing, rows, chunks, chunksDone }.
alter table imports add column progress jsonb;
