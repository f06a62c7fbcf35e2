-- Issue 22, item 4: every table holding an enterprise's data carries `enterprise_id`, so the
-- schema can be distributed by it (Citus: a foreign key between distributed tables must
-- include the distribution column) and every query can filter by it. The tables that had
-- none take it from their parent row, and a composite foreign key to the parent's
-- (enterprise_id, id) keeps the two equal; the parent's single-column key is replaced by it
-- with the same ON DELETE. The exceptions (tables of no enterprise) are listed, with their
-- reasons, in app/src/db_tenancy_tests.rs, which fails on any table added without it.
--
-- Client-made ids become unique per enterprise (the audited step's idempotency record, the
-- audit row, already was): two enterprises may use the same one. The new constraints' names
-- still end in `client_id_key`, which the error conversion (app/src/error.rs) turns into
-- `ClientIdReused`.

-- What the composite keys point at: a parent row together with its enterprise.
create unique index confined_spaces_enterprise_id_key on confined_spaces (enterprise_id, id);
create unique index operations_enterprise_id_key on operations (enterprise_id, id);
create unique index checklists_enterprise_id_key on checklists (enterprise_id, id);
create unique index patrol_points_enterprise_id_key on patrol_points (enterprise_id, id);
create unique index patrol_schedules_enterprise_id_key on patrol_schedules (enterprise_id, id);
create unique index patrol_records_enterprise_id_key on patrol_records (enterprise_id, id);
create unique index training_sessions_enterprise_id_key on training_sessions (enterprise_id, id);
-- Regulators have no enterprise: their rows (and their sessions) keep a null enterprise_id.
create unique index users_enterprise_id_key on users (enterprise_id, id);

-- Ledger history, from its space.
alter table confined_space_versions add column enterprise_id uuid;
update confined_space_versions v set enterprise_id = s.enterprise_id
  from confined_spaces s where s.id = v.space_id;
alter table confined_space_versions
    alter column enterprise_id set not null,
    drop constraint confined_space_versions_space_id_fkey,
    add constraint confined_space_versions_space_fkey foreign key (enterprise_id, space_id)
        references confined_spaces (enterprise_id, id);

-- An operation's parts, from the operation.
alter table operation_entrants add column enterprise_id uuid;
update operation_entrants p set enterprise_id = o.enterprise_id
  from operations o where o.id = p.operation_id;
alter table operation_entrants
    alter column enterprise_id set not null,
    drop constraint operation_entrants_operation_id_fkey,
    add constraint operation_entrants_operation_fkey foreign key (enterprise_id, operation_id)
        references operations (enterprise_id, id);

alter table ventilations add column enterprise_id uuid;
update ventilations p set enterprise_id = o.enterprise_id
  from operations o where o.id = p.operation_id;
alter table ventilations
    alter column enterprise_id set not null,
    drop constraint ventilations_operation_id_fkey,
    add constraint ventilations_operation_fkey foreign key (enterprise_id, operation_id)
        references operations (enterprise_id, id);

alter table gas_tests add column enterprise_id uuid;
update gas_tests p set enterprise_id = o.enterprise_id
  from operations o where o.id = p.operation_id;
alter table gas_tests
    alter column enterprise_id set not null,
    drop constraint gas_tests_operation_id_fkey,
    add constraint gas_tests_operation_fkey foreign key (enterprise_id, operation_id)
        references operations (enterprise_id, id);

alter table entries add column enterprise_id uuid;
update entries p set enterprise_id = o.enterprise_id
  from operations o where o.id = p.operation_id;
alter table entries
    alter column enterprise_id set not null,
    drop constraint entries_operation_id_fkey,
    add constraint entries_operation_fkey foreign key (enterprise_id, operation_id)
        references operations (enterprise_id, id);

alter table operation_versions add column enterprise_id uuid;
update operation_versions p set enterprise_id = o.enterprise_id
  from operations o where o.id = p.operation_id;
alter table operation_versions
    alter column enterprise_id set not null,
    drop constraint operation_versions_operation_id_fkey,
    add constraint operation_versions_operation_fkey foreign key (enterprise_id, operation_id)
        references operations (enterprise_id, id);

-- The version row an operation's insert makes (20261207000000) now names its enterprise.
create or replace function operation_version_track() returns trigger
language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into operation_versions (operation_id, enterprise_id)
        values (new.id, new.enterprise_id);
    else
        perform operation_version_move(new.id);
    end if;
    return null;
end
$$;

-- Checklists: versions from the checklist, items from their version.
alter table checklist_versions add column enterprise_id uuid;
update checklist_versions v set enterprise_id = c.enterprise_id
  from checklists c where c.id = v.checklist_id;
alter table checklist_versions
    alter column enterprise_id set not null,
    drop constraint checklist_versions_checklist_id_fkey,
    add constraint checklist_versions_checklist_fkey foreign key (enterprise_id, checklist_id)
        references checklists (enterprise_id, id);
create unique index checklist_versions_enterprise_id_key
    on checklist_versions (enterprise_id, id);

alter table checklist_items add column enterprise_id uuid;
update checklist_items i set enterprise_id = v.enterprise_id
  from checklist_versions v where v.id = i.version_id;
alter table checklist_items
    alter column enterprise_id set not null,
    drop constraint checklist_items_version_id_fkey,
    add constraint checklist_items_version_fkey foreign key (enterprise_id, version_id)
        references checklist_versions (enterprise_id, id);

-- A point's checklists, from the point.
alter table patrol_point_checklists add column enterprise_id uuid;
update patrol_point_checklists p set enterprise_id = pp.enterprise_id
  from patrol_points pp where pp.id = p.point_id;
alter table patrol_point_checklists
    alter column enterprise_id set not null,
    drop constraint patrol_point_checklists_point_id_fkey,
    add constraint patrol_point_checklists_point_fkey foreign key (enterprise_id, point_id)
        references patrol_points (enterprise_id, id);

-- A schedule's points and people, from the schedule.
alter table patrol_schedule_points add column enterprise_id uuid;
update patrol_schedule_points p set enterprise_id = s.enterprise_id
  from patrol_schedules s where s.id = p.schedule_id;
alter table patrol_schedule_points
    alter column enterprise_id set not null,
    drop constraint patrol_schedule_points_schedule_id_fkey,
    add constraint patrol_schedule_points_schedule_fkey foreign key (enterprise_id, schedule_id)
        references patrol_schedules (enterprise_id, id);

alter table patrol_schedule_people add column enterprise_id uuid;
update patrol_schedule_people p set enterprise_id = s.enterprise_id
  from patrol_schedules s where s.id = p.schedule_id;
alter table patrol_schedule_people
    alter column enterprise_id set not null,
    drop constraint patrol_schedule_people_schedule_id_fkey,
    add constraint patrol_schedule_people_schedule_fkey foreign key (enterprise_id, schedule_id)
        references patrol_schedules (enterprise_id, id);

-- A patrol record's answers, from the record.
alter table patrol_answers add column enterprise_id uuid;
update patrol_answers a set enterprise_id = r.enterprise_id
  from patrol_records r where r.id = a.record_id;
alter table patrol_answers
    alter column enterprise_id set not null,
    drop constraint patrol_answers_record_id_fkey,
    add constraint patrol_answers_record_fkey foreign key (enterprise_id, record_id)
        references patrol_records (enterprise_id, id);

-- A training session's invitations (deleted with it, as before) and quiz, from the session.
alter table training_invitations add column enterprise_id uuid;
update training_invitations i set enterprise_id = s.enterprise_id
  from training_sessions s where s.id = i.session_id;
alter table training_invitations
    alter column enterprise_id set not null,
    drop constraint training_invitations_session_id_fkey,
    add constraint training_invitations_session_fkey foreign key (enterprise_id, session_id)
        references training_sessions (enterprise_id, id) on delete cascade;

alter table training_quiz_questions add column enterprise_id uuid;
update training_quiz_questions q set enterprise_id = s.enterprise_id
  from training_sessions s where s.id = q.session_id;
alter table training_quiz_questions
    alter column enterprise_id set not null,
    drop constraint training_quiz_questions_session_id_fkey,
    add constraint training_quiz_questions_session_fkey foreign key (enterprise_id, session_id)
        references training_sessions (enterprise_id, id);

-- Sign-in sessions, from their person: null for a regulator's, who has no enterprise. The
-- single-column key stays, because a composite key does not hold a row with a null part (a
-- regulator's session must still end with the person); the composite one keeps an
-- enterprise's session on a person of that enterprise.
alter table sessions add column enterprise_id uuid;
update sessions s set enterprise_id = u.enterprise_id from users u where u.id = s.user_id;
alter table sessions
    add constraint sessions_user_enterprise_fkey foreign key (enterprise_id, user_id)
        references users (enterprise_id, id) on delete cascade;

-- Client ids: unique per enterprise.
alter table confined_spaces drop constraint confined_spaces_client_id_key,
    add constraint confined_spaces_enterprise_client_id_key unique (enterprise_id, client_id);
alter table qualifications drop constraint qualifications_client_id_key,
    add constraint qualifications_enterprise_client_id_key unique (enterprise_id, client_id);
alter table operations drop constraint operations_client_id_key,
    add constraint operations_enterprise_client_id_key unique (enterprise_id, client_id);
alter table ventilations drop constraint ventilations_client_id_key,
    add constraint ventilations_enterprise_client_id_key unique (enterprise_id, client_id);
alter table gas_tests drop constraint gas_tests_client_id_key,
    add constraint gas_tests_enterprise_client_id_key unique (enterprise_id, client_id);
alter table entries drop constraint entries_client_id_key,
    add constraint entries_enterprise_client_id_key unique (enterprise_id, client_id),
    drop constraint entries_exit_client_id_key,
    add constraint entries_enterprise_exit_client_id_key unique (enterprise_id, exit_client_id);
alter table photos drop constraint photos_client_id_key,
    add constraint photos_enterprise_client_id_key unique (enterprise_id, client_id);
alter table hazards drop constraint hazards_client_id_key,
    add constraint hazards_enterprise_client_id_key unique (enterprise_id, client_id);
alter table patrol_points drop constraint patrol_points_client_id_key,
    add constraint patrol_points_enterprise_client_id_key unique (enterprise_id, client_id);
alter table checklists drop constraint checklists_client_id_key,
    add constraint checklists_enterprise_client_id_key unique (enterprise_id, client_id);
alter table patrol_schedules drop constraint patrol_schedules_client_id_key,
    add constraint patrol_schedules_enterprise_client_id_key unique (enterprise_id, client_id);
alter table patrol_records drop constraint patrol_records_client_id_key,
    add constraint patrol_records_enterprise_client_id_key unique (enterprise_id, client_id);
alter table training_sessions drop constraint training_sessions_client_id_key,
    add constraint training_sessions_enterprise_client_id_key unique (enterprise_id, client_id);
alter table training_quiz_attempts drop constraint training_quiz_attempts_client_id_key,
    add constraint training_quiz_attempts_enterprise_client_id_key
        unique (enterprise_id, client_id);
alter table person_moves drop constraint person_moves_client_id_key,
    add constraint person_moves_enterprise_client_id_key unique (enterprise_id, client_id);
-- People: regulators (no enterprise) keep one space of client ids among themselves, as the
-- audit log does (20261130000000).
alter table users drop constraint users_client_id_key;
create unique index users_enterprise_client_id_key on users (enterprise_id, client_id)
    nulls not distinct where client_id is not null;
-- A CSV import's claim on its client id (users::db::claim_import).
alter table user_imports drop constraint user_imports_pkey,
    add constraint user_imports_pkey primary key (enterprise_id, client_id);
