-- A county for bench/county.sh (psql -v enterprises=N -v people=N -v hazards=N -v answers=N
-- -v attendances=N): one county of 20 townships whose first township holds the demo
-- enterprise (seeded beforehand by bench/patrols_seed.sql, the busiest of the county) and
-- :enterprises more enterprises spread over the townships, each with
--   * its ledger entry (credit code, industry, focus risks, grade; a share without a sign-in);
--   * :people people in all (an admin, a safety officer, a trainer, the rest workers);
--   * the ready packs that concern it (daily_general, and the 25-item packs of its focus
--     risks), copied from the demo enterprise's installed ones (installed through the API
--     beforehand), on five patrol points under one daily schedule;
--   * about :answers patrol answers in all: a monthly 25-item self-check over the last year
--     and daily rounds over the last 60 days, 2 % failing;
--   * :hazards hazards in all over the last year (70 % closed, 20 % reported, 10 % rectifying);
--   * :attendances training attendances in all: 三级教育 and annual sessions a year back.
-- Two regulators sign in with the demo password: 13900000001 (the county) and 13900000002
-- (township 1). Every row points at real rows; the app's constraints hold.
\set ON_ERROR_STOP on
\pset tuples_only on
\pset format unaligned

create temp table ctx as
select e.id as demo, u.password_hash as hash
from enterprises e, users u where upper(e.code) = 'DEMO' and u.mobile = '13800000001';

-- The tree: a county and its townships; the demo enterprise (and its neighbour) in the first.
insert into jurisdictions (id, name, level) values (gen_random_uuid(), '压测县', 'county');
insert into jurisdictions (id, name, level, parent_id)
select gen_random_uuid(), '压测镇' || lpad(g::text, 2, '0'), 'township',
       (select id from jurisdictions where name = '压测县')
from generate_series(1, 20) g;
create temp table towns as
select row_number() over (order by name) - 1 as n, id from jurisdictions
where parent_id = (select id from jurisdictions where name = '压测县');
update enterprises set jurisdiction_id = (select id from towns where n = 0)
where upper(code) in ('DEMO', 'PAPER');

insert into users (id, jurisdiction_id, role, name, mobile, password_hash, must_change_password)
select gen_random_uuid(), (select id from jurisdictions where name = '压测县'), 'regulator',
       '压测县监管', '13900000001', hash, false from ctx
union all
select gen_random_uuid(), (select id from towns where n = 0), 'regulator', '压测镇监管',
       '13900000002', hash, false from ctx;

-- The enterprises, with their ledger entries.
create temp table ents as
select g, gen_random_uuid() as id, (select id from towns where n = g % 20) as town,
       array_remove(array[
           case when g % 10 < 3 then 'combustible_dust' end,
           case when g % 5 < 2 then 'confined_space' end,
           case when g % 10 = 7 then 'steel' end,
           case when g % 10 = 8 then 'aluminium' end,
           case when g % 10 in (7, 8) then 'molten_metal' end,
           case when g % 13 = 0 then 'coal_gas' end,
           case when g % 6 = 0 then 'hazardous_chemicals' end], null) as risks
from generate_series(1, :enterprises) g;

insert into enterprises (id, code, name, jurisdiction_id, credit_code, address, industry,
    above_scale, small_micro, focus_risks, major_hazard_source, standard_grade, standard_date,
    principal_name, contact_mobile)
select id, 'BENCH' || lpad(g::text, 5, '0'), '压测企业' || lpad(g::text, 5, '0') || '有限公司', town,
       '9113' || lpad(g::text, 14, '0'), '压测路' || g || '号',
       (array['metallurgy', 'nonferrous', 'building_materials', 'machinery', 'light_industry',
              'textile', 'tobacco', 'commerce'])[1 + g % 8],
       g % 3 = 0, g % 3 <> 0, risks, g % 50 = 0,
       (array['level2', 'level3', 'small_micro', null, null])[1 + g % 5],
       case when g % 5 < 3 then current_date - 400 end,
       '负责人' || g, '137' || lpad(g::text, 8, '0')
from ents;

-- People: per enterprise an admin, a safety officer, a trainer and workers; one in ten
-- enterprises nobody signed in to this month.
create temp table staff as
select e.id as enterprise_id, e.g, n, gen_random_uuid() as id,
       case n when 1 then 'enterprise_admin' when 2 then 'safety_officer' when 3 then 'trainer'
              else 'worker' end as role
from ents e
cross join generate_series(1, ceil(:people::numeric / :enterprises)::int) n;
insert into users (id, enterprise_id, role, name, mobile, password_hash, must_change_password,
    department, hired_on, last_login_at)
select s.id, s.enterprise_id, s.role, '压测' || s.g || '-' || s.n,
       '16' || lpad((s.g * 1000 + s.n)::text, 9, '0'), ctx.hash, false,
       '车间' || (s.n % 4), current_date - 400 - s.n,
       case when s.g % 10 <> 0 and s.n <= 3 then now() - (s.n || ' days')::interval end
from staff s, ctx;
create index on staff (enterprise_id, n);
analyze staff;

-- Checklists: the demo enterprise's installed ready packs, those that concern each one.
create temp table tpl_lists as
select c.id, c.name, c.kind, c.pack, v.id as version_id
from checklists c join checklist_versions v on v.checklist_id = c.id and v.version = c.current_version
where c.enterprise_id = (select demo from ctx) and c.pack is not null;
create temp table lists as
select e.id as enterprise_id, e.g, t.id as tpl, t.version_id as tpl_version, t.kind, t.pack,
       t.name, gen_random_uuid() as id, gen_random_uuid() as version_id,
       (select s.id from staff s where s.enterprise_id = e.id and s.n = 2) as officer
from ents e join tpl_lists t on t.pack = 'daily_general'
    or (t.pack = 'sc25_dust' and 'combustible_dust' = any (e.risks))
    or (t.pack = 'sc25_confined_space' and 'confined_space' = any (e.risks))
    or (t.pack = 'sc25_steel' and 'steel' = any (e.risks))
    or (t.pack = 'sc25_aluminium' and 'aluminium' = any (e.risks));
insert into checklists (id, enterprise_id, name, kind, pack, current_version, client_id, created_by, created_at)
select id, enterprise_id, name, kind, pack, 1, gen_random_uuid(), officer, now() - interval '1 year'
from lists;
insert into checklist_versions (id, checklist_id, version, created_by, enterprise_id, created_at)
select version_id, id, 1, officer, enterprise_id, now() - interval '1 year' from lists;
insert into checklist_items (id, version_id, position, text, category, basis, verified,
    answer_type, min_value, max_value, unit, photo_on_fail, fail_grade, item_key, enterprise_id)
select gen_random_uuid(), l.version_id, i.position, i.text, i.category, i.basis, i.verified,
       i.answer_type, i.min_value, i.max_value, i.unit, i.photo_on_fail, i.fail_grade,
       i.item_key, l.enterprise_id
from lists l join checklist_items i on i.version_id = l.tpl_version;

-- Five points: four on the daily round (daily_general), the fifth carrying the 25 items.
create temp table points as
select e.id as enterprise_id, e.g, p, gen_random_uuid() as id,
       md5(random()::text) || md5(random()::text) as token
from ents e cross join generate_series(1, 5) p;
insert into patrol_points (id, enterprise_id, name, area, client_id, created_by, created_at)
select p.id, p.enterprise_id, '压测点' || p.p, '车间' || (p.p % 2), gen_random_uuid(),
       (select s.id from staff s where s.enterprise_id = p.enterprise_id and s.n = 2),
       now() - interval '1 year'
from points p;
insert into checkpoints (token, short_code, enterprise_id, kind, subject_id)
select token, 'B' || lpad((g * 10 + p)::text, 7, '0'), enterprise_id, 'patrol_point', id from points;
insert into patrol_point_checklists (point_id, checklist_id, enterprise_id)
select p.id, l.id, p.enterprise_id from points p
join lists l on l.enterprise_id = p.enterprise_id
    and ((p.p < 5 and l.pack = 'daily_general') or (p.p = 5 and l.kind = 'self_check_25'));
create temp table schedules as
select e.id as enterprise_id, gen_random_uuid() as id,
       (select s.id from staff s where s.enterprise_id = e.id and s.n = 2) as officer
from ents e;
insert into patrol_schedules (id, enterprise_id, name, frequency, window_start, window_end,
    role, client_id, created_by, created_at)
select id, enterprise_id, '日巡', 'daily', '08:00', '17:00', 'worker', gen_random_uuid(), officer,
       now() - interval '1 year'
from schedules;
insert into patrol_schedule_points (schedule_id, point_id, enterprise_id)
select s.id, p.id, s.enterprise_id from schedules s
join points p on p.enterprise_id = s.enterprise_id and p.p < 5;

-- Records: the 25-item checks monthly (one record per checklist), then daily rounds over
-- the last 60 days until the answers reach :answers.
create temp table records as
select gen_random_uuid() as id, l.enterprise_id, p.id as point_id, l.version_id, p.token,
       now() - (m || ' months')::interval - interval '3 hours' as submitted_at
from lists l
join points p on p.enterprise_id = l.enterprise_id and p.p = 5
cross join generate_series(0, 11) m
where l.kind = 'self_check_25';
create temp table items_per as
select l.version_id, count(*) as n from lists l join checklist_items i on i.version_id = l.version_id
group by l.version_id;
insert into records
select gen_random_uuid(), p.enterprise_id, p.id, l.version_id, p.token,
       date_trunc('day', now()) - (d || ' days')::interval + interval '2 hours' + (p.p || ' minutes')::interval
from points p
join lists l on l.enterprise_id = p.enterprise_id and l.pack = 'daily_general' and p.p < 5
cross join generate_series(1, 60) d
where d * 4 * (select i.n from items_per i join lists l on l.version_id = i.version_id
                   where l.pack = 'daily_general' limit 1)
    <= greatest(:answers - (select coalesce(sum(i.n), 0) from records r join items_per i on i.version_id = r.version_id), 0)
       / :enterprises;
insert into patrol_records (id, enterprise_id, point_id, checklist_version_id, patroller_id,
    started_at, presence, token, submitted_at, client_id)
select r.id, r.enterprise_id, r.point_id, r.version_id,
       (select s.id from staff s where s.enterprise_id = r.enterprise_id and s.n = 4),
       r.submitted_at - interval '6 minutes', 'qr', r.token, r.submitted_at, gen_random_uuid()
from records r;
-- The kept latest 25-item answers (selfcheck_latest) are filled once after the bulk insert,
-- as the migration fills them, instead of by the trigger for each of a million answers.
alter table patrol_answers disable trigger selfcheck_latest_track;
insert into patrol_answers (record_id, enterprise_id, item_id, result)
select r.id, r.enterprise_id, i.id, case when random() < 0.02 then 'fail' else 'pass' end
from records r join checklist_items i on i.version_id = r.version_id;
alter table patrol_answers enable trigger selfcheck_latest_track;
do $$ begin perform selfcheck_latest_keep(null, null); end $$;

-- Hazards over the last year, as bench/patrols_seed.sql makes them.
insert into hazards (id, enterprise_id, number, source, found_at, found_by, location,
    description, category, grade, state, rectifier_id, measures, funds_fen, deadline,
    interim_control, recheck_passed, rechecked_by, rechecked_at, closed_at, closed_by,
    client_id, created_at, updated_at)
select gen_random_uuid(), e.id, 'YH-CB-' || lpad(h::text, 5, '0'),
       (array['daily_patrol', 'special_check', 'self_check_25', 'enforcement',
              'employee_report'])[1 + h % 5],
       at, who, '压测区域 ' || (h % 50), '压测隐患 ' || h,
       (array['dust_explosion', 'confined_space', 'electrical', 'mechanical', 'fire',
              'special_equipment', 'hazardous_chemicals', 'management', 'other'])[1 + h % 9],
       case when s = 'reported' and h % 7 = 0 then 'major' else 'general' end, s,
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
from ents e
cross join generate_series(1, ceil(:hazards::numeric / :enterprises)::int) h,
lateral (select now() - ((h * 7 + e.g % 7) || ' days')::interval / 2 as at,
                (select s.id from staff s where s.enterprise_id = e.id and s.n = 2) as who,
                case when h % 10 < 7 then 'closed' when h % 10 < 9 then 'reported'
                     else 'rectifying' end as s) x;

-- Training: 三级教育 a year back for everyone, then annual sessions until :attendances.
create temp table sessions as
select e.id as enterprise_id, e.g, k, gen_random_uuid() as id,
       (array['induction_company', 'induction_workshop', 'induction_team', 'other', 'other',
              'confined_space', 'daily', 'other', 'other', 'other'])[1 + (k - 1) % 10] as category,
       date_trunc('day', now()) - ((400 - k * 35) || ' days')::interval + interval '1 hour' as starts_at,
       (select s.id from staff s where s.enterprise_id = e.id and s.n = 3) as trainer
from ents e
cross join generate_series(1, ceil(:attendances::numeric / :people)::int) k;
insert into training_sessions (id, enterprise_id, title, category, starts_at, ends_at,
    credited_half_hours, location, trainer_id, open_to_all, assessment, token, qr_secret,
    created_by, client_id, created_at)
select id, enterprise_id, '压测培训' || k, category, starts_at, starts_at + interval '8 hours',
       case when category like 'induction%' then 16 else 8 end, '培训室', trainer, true, 'none',
       md5(random()::text) || md5(random()::text), decode(md5(random()::text) || md5(random()::text), 'hex'),
       trainer, gen_random_uuid(), starts_at - interval '1 day'
from sessions;
insert into training_attendance (session_id, user_id, enterprise_id, signed_in_at, sign_in_by,
    sign_in_recorded_by, signed_out_at, sign_out_by, sign_out_recorded_by)
select t.id, s.id, t.enterprise_id, t.starts_at, 'scan', s.id,
       t.starts_at + interval '8 hours', 'scan', s.id
from sessions t join staff s on s.enterprise_id = t.enterprise_id
-- One in twenty people missed the company level and is not cleared.
where not (t.category = 'induction_company' and (s.g + s.n) % 20 = 0);

analyze;
select (select count(*) from enterprises) || ' enterprises, ' ||
       (select count(*) from users where enterprise_id is not null) || ' people, ' ||
       (select count(*) from hazards) || ' hazards, ' ||
       (select count(*) from patrol_answers) || ' patrol answers, ' ||
       (select count(*) from training_attendance) || ' training attendances';
