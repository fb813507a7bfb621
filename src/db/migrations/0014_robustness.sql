-- An import's heartbeat: the process running an import touches it every 30 seconds (outside the
-- import's own transaction), so an import whose process was killed, and which would otherwise say
-- 'running' forever, is recognised once its heartbeat is older than the lease and shown as failed
-- ("interrupted"). Its transaction died with the process, so nothing of it was written.
alter table imports add column heartbeat_at timestamptz;
update imports set heartbeat_at = coalesce(finished_at, started_at);
alter table imports alter column heartbeat_at set default now(), alter column heartbeat_at set not null;
