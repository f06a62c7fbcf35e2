-- Issue 10 (offline outbox): an act made on a phone without signal arrives later. Its audit
-- row keeps both times: `created_at` is when the server stored it, `acted_at` when the act
-- was made (the phone's clock corrected by its offset, `rules::offline`); null = made online,
-- the act is the arrival.
alter table audit_log add column acted_at timestamptz;
