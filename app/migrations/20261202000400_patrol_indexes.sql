-- Indexes for the officers' pages at bench size (bench/patrols.sh: 100,000 hazards and
-- 1,000,000 patrol answers in one enterprise), checked with EXPLAIN ANALYZE on the generic
-- plans sqlx's prepared statements end up with (plan_cache_mode = force_generic_plan):
--
-- * The hazard ledger (hazards::db::ledger: `order by found_at desc, id desc limit 500`).
--   Before, on hazards_ledger (enterprise_id, found_at desc): Index Scan + Incremental Sort
--   (presorted key found_at), 2.0 ms unfiltered, 6.6 ms filtered to overdue 整改中. After,
--   on the exact order: Index Scan feeding Limit directly, no sort, 1.4 ms unfiltered. It
--   replaces the narrower index, which it covers.
-- * The ledger's counts (hazards::db::counts) aggregate every hazard of the enterprise: a
--   Seq Scan + HashAggregate of 100,000 rows, 41–46 ms. A covering index (enterprise_id, state)
--   include (grade, deadline, found_by, rectifier_id, rectified_by) was tried: forced, an
--   Index Only Scan takes 26 ms, but the planner keeps the Seq Scan, so it is not added; the
--   counts are the ledger page's main cost at this size (see bench/RESULTS.md (m)).
-- * Today's board (patrol rounds' submissions of the day, record_db::submissions): already an
--   Index Scan on patrol_records_point (point_id = any(..), submitted_at range), 0.9 ms for
--   the day's 110 of 90,915 records; the 1,000,000 answers are not read by it. No change.
create index hazards_ledger_order on hazards (enterprise_id, found_at desc, id desc);
drop index hazards_ledger;
