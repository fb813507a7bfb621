-- How far a running import has got (src/app/import/import-progress.ts): its phase (reading,
-- checking, writing) and its counts of rows and chunks, so that GET /api/v1/imports/{id} and the
-- /imports page can show a large file's progress, and an import that stopped while writing can
-- say how many of its chunks (each a set of whole customers, written in its own transaction) are in.
alter table imports add column progress jsonb;
