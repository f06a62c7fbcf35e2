-- The fault suite's count (bench/fault.sh): what the database holds for the records the phone
-- queued (psql -v records=<csv: kind,client_id,subject,photo_client_id> -v refused=<csv:
-- client_id> -v me=<user id>), on the suite's fresh database.
-- Per record, by its client id: its audit row, and its row in the feature's own table; per
-- kind, the table's rows counted without client ids too, so a copy stored under another id
-- would count as duplicated as well.
--   stored      records with exactly their audit row and their domain row(s)
--   refused     records the server refused (the outbox kept them with a reason) and that are
--               not stored
--   lost        expected − stored − refused
--   duplicated  rows beyond one per record (by client id), plus the table's rows that belong
--               to no record's client id (a copy stored under another id)
-- Prints one line per kind and a total line, tab-separated:
--   kind expected stored lost duplicated refused photos_expected photos_stored
\set ON_ERROR_STOP on
\pset tuples_only on
\pset format unaligned
\pset fieldsep '\t'

create temp table expected (kind text, client_id uuid, subject text, photo_client_id text);
\set copy_records '\\copy expected from ' :'records' ' with (format csv)'
:copy_records
-- An empty CSV field reads as null.
update expected set photo_client_id = coalesce(photo_client_id, ''), subject = coalesce(subject, '');
create temp table refused_ids (client_id uuid);
\set copy_refused '\\copy refused_ids from ' :'refused' ' with (format csv)'
:copy_refused

create temp table per_record as
select x.kind, x.client_id,
       (select count(*) from audit_log a where a.client_id = x.client_id) as audit_rows,
       case x.kind
         when 'exit' then (select count(*) from entries e where e.exit_client_id = x.client_id)
         when 'gas' then (select count(*) from gas_tests g where g.client_id = x.client_id)
         -- A submitted record holds one answer per item of its checklist (the primary key
         -- allows no second): one domain row when submitted and fully answered.
         when 'patrol' then (select count(*) from patrol_records r
                             where r.id = x.subject::uuid and r.submitted_at is not null
                               and (select count(*) from patrol_answers a where a.record_id = r.id)
                                 = (select count(*) from checklist_items i
                                    where i.version_id = r.checklist_version_id))
         when 'hazard' then (select count(*) from hazards h where h.client_id = x.client_id)
         when 'signin' then (select count(*) from training_attendance t
                             where t.session_id = x.subject::uuid and t.user_id = :'me')
       end as domain_rows,
       x.photo_client_id <> '' as has_photo,
       case when x.photo_client_id <> '' then
         (select count(*) from photos p where p.client_id = x.photo_client_id::uuid)
         + (select count(*) from audit_log a where a.client_id = x.photo_client_id::uuid)
       end as photo_rows,
       exists (select 1 from refused_ids r where r.client_id = x.client_id) as refused
from expected x;

-- The tables counted without client ids: rows of the suite's fixtures (or of :me: the database
-- is the suite's own, fresh) beyond the records expected of that kind.
create temp table table_rows as
select 'exit' as kind, (select count(*) from entries e
    where e.exited_at is not null
      and e.operation_id in (select distinct subject::uuid from expected where kind = 'exit')) as n
union all select 'gas', (select count(*) from gas_tests g
    where g.operation_id in (select distinct subject::uuid from expected where kind = 'gas'))
union all select 'patrol', (select count(*) from patrol_records r
    where r.submitted_at is not null and r.patroller_id = :'me')
union all select 'hazard', (select count(*) from hazards h
    where h.found_by = :'me' and h.patrol_record_id is null)
union all select 'signin', (select count(*) from training_attendance t
    where t.user_id = :'me'
      and t.session_id in (select distinct subject::uuid from expected where kind = 'signin'));

create temp table per_kind as
select k.kind,
       count(*) as expected,
       count(*) filter (where p.audit_rows = 1 and p.domain_rows = 1
                          and (not p.has_photo or p.photo_rows = 2)) as stored,
       count(*) filter (where p.refused and p.audit_rows = 0 and p.domain_rows = 0) as refused,
       sum(greatest(p.audit_rows - 1, 0) + greatest(p.domain_rows - 1, 0)
           + greatest(coalesce(p.photo_rows, 0) - 2, 0)) as dup_by_id,
       sum(p.domain_rows) as domain_rows,
       count(*) filter (where p.has_photo) as photos_expected,
       count(*) filter (where p.has_photo and p.photo_rows = 2) as photos_stored
from expected k join per_record p on p.client_id = k.client_id
group by k.kind;

select k.kind, k.expected, k.stored, k.expected - k.stored - k.refused as lost,
       k.dup_by_id + greatest(t.n - k.domain_rows, 0) as duplicated, k.refused,
       k.photos_expected, k.photos_stored
from per_kind k join table_rows t using (kind)
order by array_position(array['exit', 'gas', 'patrol', 'hazard', 'signin'], k.kind);

select 'total', sum(k.expected), sum(k.stored), sum(k.expected - k.stored - k.refused),
       sum(k.dup_by_id + greatest(t.n - k.domain_rows, 0)), sum(k.refused),
       sum(k.photos_expected), sum(k.photos_stored)
from per_kind k join table_rows t using (kind);
