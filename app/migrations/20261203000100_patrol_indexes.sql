-- (Timestamped after 20261203000000_checklist_item_keys.sql, the selfcheck work on main.)
-- Indexes (and the ledger's counters) for the officers' pages at bench size
-- (bench/patrols.sh: 100,000 hazards and 1,000,000 patrol answers in one enterprise), checked
-- with EXPLAIN ANALYZE on the generic plans sqlx's prepared statements end up with
-- (plan_cache_mode = force_generic_plan):
--
-- * The hazard ledger (hazards::db::ledger: `order by found_at desc, id desc limit 500`).
--   Before, on hazards_ledger (enterprise_id, found_at desc): Index Scan + Incremental Sort
--   (presorted key found_at), 2.0 ms unfiltered, 6.6 ms filtered to overdue 整改中. After,
--   on the exact order: Index Scan feeding Limit directly, no sort, 1.4 ms unfiltered. It
--   replaces the narrower index, which it covers.
-- * The ledger's counts (hazards::db::counts): counters, below.
-- * Today's board (patrol rounds' submissions of the day, record_db::submissions): already an
--   Index Scan on patrol_records_point (point_id = any(..), submitted_at range), 0.9 ms for
--   the day's 110 of 90,915 records; the 1,000,000 answers are not read by it. No change.
create index hazards_ledger_order on hazards (enterprise_id, found_at desc, id desc);
drop index hazards_ledger;

-- The ledger's counts, kept by the database: per enterprise, state and grade, how many
-- hazards there are, moved by a trigger on every insert, delete and change of state or grade
-- (whoever writes: the steps, the demo data, a bench seed), so they cannot drift from the
-- rows. An officer's ledger reads these few rows instead of aggregating every hazard:
-- before, Seq Scan + HashAggregate of 100,000 rows, 41–46 ms (a covering index was tried:
-- forced, an Index Only Scan takes 26 ms, and the planner keeps the Seq Scan anyway); after,
-- 4.8 ms, of which the overdue ones (only open hazards can be) are an Index Only Scan of the
-- partial index below (9,166 rows). A hazard's insert or move also updates its counter row,
-- inside the same transaction: reports in one enterprise already wait for each other on
-- their year's number (hazard_numbers), so this adds no new contention.
create table hazard_counts (
    enterprise_id uuid not null references enterprises (id),
    state text not null,
    grade text not null,
    n bigint not null check (n >= 0),
    primary key (enterprise_id, state, grade)
);

-- A decrement is an update (an upsert of -1 would first check n >= 0 on the row it proposes);
-- an increment an upsert. A move takes its two counter rows in key order, so two moves the
-- other way round in one enterprise wait for each other instead of deadlocking.
create function hazard_counts_track() returns trigger language plpgsql as $$
declare
    down_first boolean := tg_op = 'DELETE' or (tg_op = 'UPDATE'
        and (old.enterprise_id, old.state, old.grade) <= (new.enterprise_id, new.state, new.grade));
begin
    if down_first then
        update hazard_counts set n = n - 1
        where enterprise_id = old.enterprise_id and state = old.state and grade = old.grade;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        insert into hazard_counts (enterprise_id, state, grade, n)
        values (new.enterprise_id, new.state, new.grade, 1)
        on conflict (enterprise_id, state, grade) do update set n = hazard_counts.n + 1;
    end if;
    if tg_op = 'UPDATE' and not down_first then
        update hazard_counts set n = n - 1
        where enterprise_id = old.enterprise_id and state = old.state and grade = old.grade;
    end if;
    return null;
end $$;

create trigger hazard_counts_track
    after insert or delete or update of enterprise_id, state, grade on hazards
    for each row execute function hazard_counts_track();

insert into hazard_counts (enterprise_id, state, grade, n)
select enterprise_id, state, grade, count(*) from hazards group by enterprise_id, state, grade;

-- The overdue count reads (state, deadline) of open hazards from the index alone; it
-- replaces the narrower partial index of the same rows.
create index hazards_open_deadline_state on hazards (enterprise_id, deadline) include (state)
    where state <> 'closed';
drop index hazards_open_deadline;
