-- People signing in to the staff web app: server-side sessions, invitations, deactivated users
-- and failed sign-ins (for rate limiting across processes).

-- A deactivated user cannot sign in and their sessions end; the row stays, as the timeline names them.
alter table users add column deactivated_at timestamptz;

-- Only the SHA-256 of a session's token is kept (like an API key, a token has 256 random bits). The
-- token hash is the one lookup not scoped by org_id: the cookie is what tells us the organisation.
-- A session ends at the first of: logout (ended_at), idle_expires_at (pushed forward while it is
-- used) and expires_at (fixed at sign-in: the absolute cap).
create table sessions (
  org_id bigint not null references orgs (id),
  id bigint generated always as identity,
  user_id bigint not null,
  token_hash text not null unique,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  idle_expires_at timestamptz not null,
  expires_at timestamptz not null,
  ended_at timestamptz,
  ended_reason text,
  user_agent text,
  primary key (org_id, id),
  foreign key (org_id, user_id) references users (org_id, id)
);
create index sessions_user on sessions (org_id, user_id) where ended_at is null;

-- An invitation: the link carries the token, shown once; only its hash is kept.
create table invites (
  org_id bigint not null references orgs (id),
  id bigint generated always as identity,
  email text not null,
  role text not null check (role in ('owner', 'collector', 'viewer')),
  token_hash text not null unique,
  invited_by bigint,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  revoked_at timestamptz,
  user_id bigint,
  primary key (org_id, id)
);
create index invites_pending on invites (org_id, lower(email)) where accepted_at is null and revoked_at is null;

-- Failed sign-ins, counted per account (the email, lower case, over every organisation: a guesser
-- does not name one) and per client address over a sliding window. Not org-scoped for that reason;
-- rows older than a day are deleted as new failures come in.
create table login_failures (
  id bigint generated always as identity primary key,
  account text not null,
  address text not null,
  failed_at timestamptz not null
);
create index login_failures_account on login_failures (account, failed_at);
create index login_failures_address on login_failures (address, failed_at);
