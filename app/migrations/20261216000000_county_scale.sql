-- Issue 23 at the size of a county (bench/county.sh (t): 3,000 enterprises, 150,000 people,
-- 300,000 hazards, 3,000,000 patrol answers, 1,000,000 training attendances).

-- The ledger's facts per enterprise (county::db::facts_under): whether it has an active admin
-- and whether anyone signed in since a time, as index probes instead of two scans of every
-- person (110 ms of the query at county scale, 4 ms after).
create index users_enterprise_admins on users (enterprise_id) where role = 'enterprise_admin' and active;
create index users_enterprise_last_login on users (enterprise_id, last_login_at);

-- The latest answer to each 25-item check (patrols::selfcheck::db::latest_answers), found item
-- by item: a township's matrix read every answer its enterprises ever gave to sort out the
-- latest (314 ms at county scale), now each item's few answers (about 30 ms for 1,500 items).
create index patrol_answers_item on patrol_answers (item_id);

-- The transaction that wrote each audit row. Every change of an enterprise's records is an
-- audited step filed under it (audit/step.rs), so "was anything of this enterprise written
-- that a snapshot did not see" is one index probe: rows of the enterprise whose transaction
-- is not visible in the snapshot. The overview keeps its figures by that (below).
alter table audit_log add column xact xid8 not null default pg_current_xact_id();
create index audit_log_enterprise_xact on audit_log (enterprise_id, xact)
    where enterprise_id is not null;

-- The overview's figures of an enterprise over a period, as computed by the features
-- (overview::kept), with the snapshot taken before they were read and the ledger entry's
-- version: kept while no audited step of the enterprise committed outside that snapshot, the
-- entry is unchanged and they are younger than the overview's limit (the figures that change
-- with the clock alone, rounds missed as windows end). A derived copy, never a record:
-- dropping every row loses nothing.
create table overview_figures (
    enterprise_id uuid not null references enterprises (id),
    period_from date not null,
    period_to date not null,
    figures jsonb not null,
    snapshot pg_snapshot not null,
    ledger_version integer not null,
    computed_at timestamptz not null,
    primary key (enterprise_id, period_from, period_to)
);
create index overview_figures_computed on overview_figures (computed_at);
