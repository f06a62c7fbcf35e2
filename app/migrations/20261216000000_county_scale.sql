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

-- The county tree's regulators of a node (county::db, read with every overview): by their
-- node, not by a scan of every person of the county (25 ms at 150,000 people).
create index users_jurisdiction on users (jurisdiction_id) where jurisdiction_id is not null;

-- The latest submitted answer to each 25-item check (patrols::selfcheck), kept by the
-- database: a township's matrix reads 1,500 items' latest answers with each view, which
-- found item by item among all their answers took 60 ms at county scale. One row per
-- checklist and item key (whatever the version the item was answered on), the latest by
-- (submitted_at, record id) as the query it replaces ordered them.
create table selfcheck_latest (
    enterprise_id uuid not null references enterprises (id),
    checklist_id uuid not null references checklists (id),
    item_key text not null,
    record_id uuid not null references patrol_records (id),
    item_id uuid not null references checklist_items (id),
    submitted_at timestamptz not null,
    primary key (checklist_id, item_key)
);
create index selfcheck_latest_enterprise on selfcheck_latest (enterprise_id);

-- Keeps the answers of `records` (all when null; only to `item` when given) that are the
-- latest of their check.
create function selfcheck_latest_keep(records uuid[], item uuid) returns void
    language sql as $$
    insert into selfcheck_latest (enterprise_id, checklist_id, item_key, record_id, item_id,
        submitted_at)
    select distinct on (v.checklist_id, i.item_key)
           r.enterprise_id, v.checklist_id, i.item_key, r.id, i.id, r.submitted_at
    from patrol_records r
    join patrol_answers a on a.record_id = r.id
    join checklist_items i on i.id = a.item_id
    join checklist_versions v on v.id = i.version_id
    join checklists c on c.id = v.checklist_id and c.enterprise_id = r.enterprise_id
    where c.kind = 'self_check_25' and r.submitted_at is not null
      and (records is null or r.id = any (records)) and (item is null or a.item_id = item)
    order by v.checklist_id, i.item_key, r.submitted_at desc, r.id desc
    on conflict (checklist_id, item_key) do update
        set record_id = excluded.record_id, item_id = excluded.item_id,
            submitted_at = excluded.submitted_at
        where (selfcheck_latest.submitted_at, selfcheck_latest.record_id)
            < (excluded.submitted_at, excluded.record_id)
$$;

-- At the commit of a submission (deferred: its record is submitted and every answer is in,
-- whatever order the step wrote them), for each answer.
create function selfcheck_latest_track() returns trigger language plpgsql as $$
begin
    perform selfcheck_latest_keep(array[new.record_id], new.item_id);
    return null;
end $$;
create constraint trigger selfcheck_latest_track after insert on patrol_answers
    deferrable initially deferred for each row execute function selfcheck_latest_track();

select selfcheck_latest_keep(null, null);
