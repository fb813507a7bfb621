-- Honest statuses (see src/domain/actions/action-status.ts): an email written to the outbox
-- folder is `written`, not sent; a letter is `printed` in a batch, then `posted` when a person
-- confirms it; an older step overtaken by a later one before it went out is `superseded`.
-- A message's deadline is stored with it when it goes out, so the next step waits for it.
alter table actions drop constraint actions_status_check;
alter table actions add constraint actions_status_check
  check (status in ('planned', 'ready', 'sending', 'sent', 'written', 'printed', 'posted', 'done', 'deferred', 'blocked', 'failed',
                    'cancelled', 'superseded'));
alter table actions
  add column deadline_on date,
  add column sent_on date;
comment on column actions.sent_on is 'the debtor''s local date the message went out (sent, written or printed)';
comment on column actions.deadline_on is 'the payment deadline the message gave the debtor, if it gave one';
