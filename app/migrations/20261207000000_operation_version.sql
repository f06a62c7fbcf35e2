-- The scan page keeps each open operation as it last read it (operations::panel_cache) and
-- reads it again only when `version` moved. It moves in the transaction of every change to
-- what that read shows, whichever code makes it: the operation itself, its entrants,
-- ventilations, gas tests, entries and trail (audit rows about it), and the names, gas policy
-- and space it shows. A reader that sees the new number therefore never gets the old panel.
alter table operations add column version bigint not null default 0;

-- Any update of the operation row counts, whoever forgot to bump it.
create function operation_version_bump() returns trigger
language plpgsql as $$
begin
    if new.version = old.version then
        new.version := old.version + 1;
    end if;
    return new;
end
$$;
create trigger operations_version before update on operations
    for each row execute function operation_version_bump();

-- A row about one operation changed: entrants, ventilations, gas tests, entries, audit rows
-- (`subject_id`, which is not always an operation: then no row is updated).
create function operation_part_changed() returns trigger
language plpgsql as $$
declare
    changed uuid;
begin
    if tg_table_name = 'audit_log' then
        changed := new.subject_id;
    elsif tg_op = 'DELETE' then
        changed := old.operation_id;
    else
        changed := new.operation_id;
    end if;
    update operations set version = version + 1 where id = changed;
    return null;
end
$$;
create trigger operation_entrants_version after insert or update or delete on operation_entrants
    for each row execute function operation_part_changed();
create trigger ventilations_version after insert or update or delete on ventilations
    for each row execute function operation_part_changed();
create trigger gas_tests_version after insert or update or delete on gas_tests
    for each row execute function operation_part_changed();
create trigger entries_version after insert or update or delete on entries
    for each row execute function operation_part_changed();
create trigger audit_log_version after insert on audit_log
    for each row when (new.subject_id is not null) execute function operation_part_changed();

-- Names and the gas policy are shown on every open operation of the enterprise; a space's
-- code and name on its own. Rare changes: every open operation concerned moves.
create function operation_context_changed() returns trigger
language plpgsql as $$
begin
    if tg_table_name = 'confined_spaces' then
        update operations set version = version + 1
         where space_id = new.id and status in ('requested', 'approved');
    elsif tg_op = 'DELETE' then
        update operations set version = version + 1
         where enterprise_id = old.enterprise_id and status in ('requested', 'approved');
    else
        update operations set version = version + 1
         where enterprise_id = new.enterprise_id and status in ('requested', 'approved');
    end if;
    return null;
end
$$;
create trigger users_name_version after update of name on users
    for each row when (old.name is distinct from new.name)
    execute function operation_context_changed();
create trigger gas_policies_version after insert or update or delete on gas_policies
    for each row execute function operation_context_changed();
create trigger confined_spaces_version after update of code, name on confined_spaces
    for each row when (old.code is distinct from new.code or old.name is distinct from new.name)
    execute function operation_context_changed();
