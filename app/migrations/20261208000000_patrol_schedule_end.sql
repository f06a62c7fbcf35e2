-- Ending a patrol schedule (停用巡查计划): from then on it expects no round. The rounds it
-- expected while it ran stay on the board of their days and in the completion rate, so the
-- schedule is kept with when and by whom it was ended instead of a flag.
alter table patrol_schedules
    add column ended_at timestamptz,
    add column ended_by uuid references users (id),
    add constraint patrol_schedules_ended check ((ended_at is null) = (ended_by is null));

-- `active` was never set to false by the app; a row set so by hand reads as ended when made.
update patrol_schedules set ended_at = created_at, ended_by = created_by where not active;
alter table patrol_schedules drop column active;
