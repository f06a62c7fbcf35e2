-- Bench data for bench/patrols.sh, in one enterprise (psql -v code=DEMO -v hazards=N
-- -v answers=N -v open_records=N -v patroller=<user id>):
--   * :hazards hazards over the last year (70 % closed, 20 % reported, 10 % rectifying, some of
--     those past their deadline; 重大 only while reported, as the constraints demand);
--   * about :answers patrol answers: submitted records over the last year (today included) on
--     the enterprise's patrol points, every item of their checklist version answered, 2 % fail;
--   * :open_records started, unsubmitted records of :patroller, one per submission the
--     submission benchmark posts (their ids are printed, one a line).
-- The points, checklists and schedules come from the app's own API beforehand: the seed only
-- adds rows that point at them, so every foreign key is a real one. The schedules are dated
-- a year back, as the records are: a schedule expects no window that ended before it was made
-- (patrols::rounds::windows), and today's board must show today's rounds whatever the hour.
\set ON_ERROR_STOP on
\pset tuples_only on
\pset format unaligned

update patrol_schedules set created_at = now() - interval '1 year'
where enterprise_id = (select id from enterprises where upper(code) = upper(:'code'));

create temp table ctx as
select e.id as enterprise_id,
       (select array_agg(u.id order by u.id) from users u
        where u.enterprise_id = e.id and u.active) as people
from enterprises e where upper(e.code) = upper(:'code');

-- Each point with the current version of (one of) its checklists and its current token.
create temp table seed_points as
select row_number() over (order by p.id) as n, p.id as point_id, v.id as version_id, k.token
from ctx
join patrol_points p on p.enterprise_id = ctx.enterprise_id
join lateral (select pc.checklist_id from patrol_point_checklists pc
              where pc.point_id = p.id order by pc.checklist_id limit 1) pc on true
join checklists c on c.id = pc.checklist_id
join checklist_versions v on v.checklist_id = c.id and v.version = c.current_version
join checkpoints k on k.kind = 'patrol_point' and k.subject_id = p.id and k.replaced_at is null;

create temp table seed_items as
select v.id as version_id, count(i.id) as n
from (select distinct version_id as id from seed_points) v
join checklist_items i on i.version_id = v.id
group by v.id;

-- Records: enough that records × items ≈ :answers, submitted evenly over the last 365 days.
create temp table seed_records as
select gen_random_uuid() as id, sp.point_id, sp.version_id, sp.token,
       ctx.people[1 + g % array_length(ctx.people, 1)] as patroller,
       now() - (g * interval '365 days' / per.n) as submitted_at, g
from ctx
cross join (select ceil(:answers::numeric / max(n))::int as n from seed_items) per
cross join lateral generate_series(1, per.n) g
join seed_points sp on sp.n = 1 + g % (select count(*) from seed_points);

insert into patrol_records (id, enterprise_id, point_id, checklist_version_id, patroller_id,
    started_at, presence, token, submitted_at, client_id)
select r.id, ctx.enterprise_id, r.point_id, r.version_id, r.patroller,
       r.submitted_at - interval '6 minutes',
       case when r.g % 10 = 0 then 'short_code' else 'qr' end, r.token, r.submitted_at,
       gen_random_uuid()
from seed_records r, ctx;

-- The kept latest 25-item answers (selfcheck_latest) are filled once after the bulk insert,
-- as the migration fills them, instead of by the trigger for each of a million answers.
alter table patrol_answers disable trigger selfcheck_latest_track;
insert into patrol_answers (record_id, enterprise_id, item_id, result, note)
select r.id, ctx.enterprise_id, i.id, case when random() < 0.02 then 'fail' else 'pass' end, null
from seed_records r
cross join ctx
join checklist_items i on i.version_id = r.version_id;
alter table patrol_answers enable trigger selfcheck_latest_track;
do $$ begin perform selfcheck_latest_keep(null, null); end $$;

insert into hazards (id, enterprise_id, number, source, found_at, found_by, location,
    description, category, grade, state, rectifier_id, measures, funds_fen, deadline,
    interim_control, recheck_passed, rechecked_by, rechecked_at, closed_at, closed_by,
    client_id, created_at, updated_at)
select gen_random_uuid(), ctx.enterprise_id, 'YH-BENCH-' || lpad(g::text, 6, '0'),
       (array['daily_patrol', 'special_check', 'self_check_25', 'enforcement',
              'employee_report'])[1 + g % 5],
       at, who, '压测区域 ' || (g % 50), '压测隐患 ' || g,
       (array['dust_explosion', 'confined_space', 'electrical', 'mechanical', 'fire',
              'special_equipment', 'hazardous_chemicals', 'management', 'other'])[1 + g % 9],
       case when s = 'reported' and g % 7 = 0 then 'major' else 'general' end,
       s,
       case when s = 'rectifying' then who end,
       case when s = 'rectifying' then '压测措施' end,
       case when s = 'rectifying' then 10000 end,
       case when s = 'rectifying' then (at + interval '30 days')::date end,
       case when s = 'rectifying' then '压测预案' end,
       case when s = 'closed' then true end,
       case when s = 'closed' then who end,
       case when s = 'closed' then at + interval '2 days' end,
       case when s = 'closed' then at + interval '2 days' end,
       case when s = 'closed' then who end,
       gen_random_uuid(), at, at
from ctx, generate_series(1, :hazards) g,
     lateral (select now() - (g * interval '365 days' / :hazards) as at,
                     ctx.people[1 + g % array_length(ctx.people, 1)] as who,
                     case when g % 10 < 7 then 'closed'
                          when g % 10 < 9 then 'reported'
                          else 'rectifying' end as s) x;

-- Unsubmitted records for the submission benchmark: started now by the patroller.
create temp table open_records as
select gen_random_uuid() as id, sp.point_id, sp.version_id, sp.token
from generate_series(1, :open_records) g
join seed_points sp on sp.n = 1 + g % (select count(*) from seed_points);

insert into patrol_records (id, enterprise_id, point_id, checklist_version_id, patroller_id,
    started_at, presence, token, client_id)
select o.id, ctx.enterprise_id, o.point_id, o.version_id, :'patroller'::uuid, now(), 'qr',
       o.token, gen_random_uuid()
from open_records o, ctx;

analyze hazards;
analyze patrol_records;
analyze patrol_answers;
select id from open_records;
