-- Fixtures of the fault suite (bench/fault.sh), in enterprise DEMO, for the records one phone
-- queues offline (psql -v me=<user id> -v officer=<user id> -v trainer=<user id> -v exits=N -v signins=N
-- -v patrols=N -v point=<patrol point id> -v checklist=<checklist id>):
--   * space 故障演练-出: an approved operation, :me its attendant, :exits people inside (new
--     workers), so each exit the phone records is a real person coming out;
--   * space 故障演练-测: an approved, ventilated operation, :me its attendant (a tester who is
--     no entrant), for the gas tests;
--   * :patrols patrol records of :me started now at :point (the form the phone answers);
--   * :signins training sessions open to all, under way for 3 hours, each with a QR key the
--     suite knows (it computes the scan's ticket as the server does: training/signin/code.rs).
-- Everything here is what the app's own steps would have made (no audit rows: set-up data).
-- Prints one JSON object: the ids the records need.
\set ON_ERROR_STOP on
\pset tuples_only on
\pset format unaligned

create temp table ctx as
select e.id as enterprise_id,
       (select password_hash from users u where u.id = :'me') as password_hash
from enterprises e where e.code = 'DEMO';

-- The two spaces, measured for the four gases the suite's readings give.
create temp table fx_spaces as
select gen_random_uuid() as id, k as kind from unnest(array['exit', 'gas']) k;
insert into confined_spaces (id, enterprise_id, code, name, location, space_type, hazards,
    required_gases, created_by, client_id)
select s.id, ctx.enterprise_id, 'FAULT-' || upper(s.kind) || '-' || substr(md5(random()::text), 1, 6),
       case s.kind when 'exit' then '故障演练-出' else '故障演练-测' end, '演练车间', 'tank',
       array['oxygen_deficiency', 'toxic'],
       array['oxygen', 'flammable', 'hydrogen_sulfide', 'carbon_monoxide'],
       :'me', gen_random_uuid()
from fx_spaces s, ctx;

create temp table fx_ops as
select gen_random_uuid() as id, s.id as space_id, s.kind from fx_spaces s;
insert into operations (id, enterprise_id, space_id, status, work_content, planned_start,
    planned_end, requested_by, attendant_id, person_in_charge_id, decided_by, decided_at,
    attendant_in_at, client_id)
select o.id, ctx.enterprise_id, o.space_id, 'approved', '故障演练', now() - interval '1 hour',
       now() + interval '1 day', :'me', :'me', :'officer', :'officer', now() - interval '1 hour',
       now() - interval '50 minutes', gen_random_uuid()
from fx_ops o, ctx;
insert into ventilations (id, enterprise_id, operation_id, started_at, recorded_by, client_id)
select gen_random_uuid(), ctx.enterprise_id, o.id, now() - interval '55 minutes', :'me',
       gen_random_uuid()
from fx_ops o, ctx;

-- The people inside the exit operation.
create temp table fx_people as
select gen_random_uuid() as id, g from generate_series(1, :exits) g;
insert into users (id, enterprise_id, role, name, mobile, employee_no, password_hash)
select p.id, ctx.enterprise_id, 'worker', '演练' || p.g,
       '167' || lpad(p.g::text, 8, '0'),
       'FT' || substr(p.id::text, 1, 8), ctx.password_hash
from fx_people p, ctx;
insert into operation_entrants (operation_id, enterprise_id, user_id, briefed_at)
select o.id, ctx.enterprise_id, p.id, now() - interval '45 minutes'
from fx_people p, fx_ops o, ctx where o.kind = 'exit';
insert into entries (id, enterprise_id, operation_id, user_id, entered_at, tools_in, client_id)
select gen_random_uuid(), ctx.enterprise_id, o.id, p.id, now() - interval '40 minutes', '',
       gen_random_uuid()
from fx_people p, fx_ops o, ctx where o.kind = 'exit';

-- Started patrol records at the point, of its checklist's current version.
create temp table fx_records as
select gen_random_uuid() as id from generate_series(1, :patrols);
insert into patrol_records (id, enterprise_id, point_id, checklist_version_id, patroller_id,
    started_at, presence, token, client_id)
select r.id, ctx.enterprise_id, :'point', v.id, :'me', now() - interval '1 minute', 'qr', k.token,
       gen_random_uuid()
from fx_records r, ctx
join checklists c on c.id = :'checklist'
join checklist_versions v on v.checklist_id = c.id and v.version = c.current_version
join checkpoints k on k.kind = 'patrol_point' and k.subject_id = :'point' and k.replaced_at is null;

create temp table fx_sessions as
select gen_random_uuid() as id, 'fault' || substr(md5(random()::text), 1, 24) as token,
       decode(md5(random()::text) || md5(random()::text), 'hex') as qr_secret, g
from generate_series(1, :signins) g;
insert into training_sessions (id, enterprise_id, title, category, starts_at, ends_at,
    credited_half_hours, location, trainer_id, open_to_all, assessment, token, qr_secret,
    created_by, client_id)
select s.id, ctx.enterprise_id, '故障演练培训' || s.g, 'other', now() - interval '10 minutes',
       now() + interval '3 hours', 4, '演练会议室', :'trainer', true, 'none', s.token,
       s.qr_secret, :'trainer', gen_random_uuid()
from fx_sessions s, ctx;

analyze;

select json_build_object(
  'me', :'me',
  'exitOperation', (select id from fx_ops where kind = 'exit'),
  'gasOperation', (select id from fx_ops where kind = 'gas'),
  'people', (select json_agg(id order by g) from fx_people),
  'records', (select json_agg(id) from fx_records),
  'items', (select json_agg(json_build_object('id', i.id, 'type', i.answer_type,
                'min', i.min_value, 'max', i.max_value) order by i.position)
            from checklists c
            join checklist_versions v on v.checklist_id = c.id and v.version = c.current_version
            join checklist_items i on i.version_id = v.id where c.id = :'checklist'),
  'sessions', (select json_agg(json_build_object('id', id, 'token', token,
                   'secret', encode(qr_secret, 'hex')) order by g) from fx_sessions));
