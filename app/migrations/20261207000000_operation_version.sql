-- The scan page keeps each open operation as it last read it (operations::panel_cache) and
-- reads it again only when its version moved. The version moves in the transaction of every
-- change to what that read shows, whichever code makes it: the operation itself, its
-- entrants, ventilations, gas tests, entries and trail (audit rows about it), and the names,
-- gas policy and space it shows. A reader that sees the new number never gets the old panel.
--
-- Its own table, not a column of `operations`: a step locks the operation row, and an update
-- of that row in every step made each step waiting on the lock re-check it. Measured by hand
-- with bench/run.sh's entry and exit load ((f)), against the same triggers disabled: a column
-- moved on every row 0.55x, once per transaction 0.65x, this table once per transaction 0.8x.
create table operation_versions (
    operation_id uuid primary key references operations (id),
    version bigint not null default 0
);
insert into operation_versions (operation_id) select id from operations;

-- Moves the version of `changed` (an operation id, or any other id: then nothing happens),
-- once per transaction: a row this transaction already updated (`xmin`) has moved. `xmin` is
-- 32 bits, so an id recurs after 2^32 transactions; a row kept unchanged that long belongs to
-- an operation open far past its permit window (at most 48 hours). A 64-bit `xid8` column
-- instead cost entries and exits 5-10 % more (measured by hand, (f)'s load).
create function operation_version_move(changed uuid) returns void
language sql as $$
    update operation_versions set version = version + 1
     where operation_id = changed and xmin <> pg_current_xact_id()::xid;
$$;

create function operation_version_track() returns trigger
language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into operation_versions (operation_id) values (new.id);
    else
        perform operation_version_move(new.id);
    end if;
    return null;
end
$$;
create trigger operations_version after insert or update on operations
    for each row execute function operation_version_track();

-- A row about one operation changed: entrants, ventilations, gas tests, entries, audit rows
-- (`subject_id`, which is not always an operation).
create function operation_part_changed() returns trigger
language plpgsql as $$
begin
    if tg_table_name = 'audit_log' then
        perform operation_version_move(new.subject_id);
    elsif tg_op = 'DELETE' then
        perform operation_version_move(old.operation_id);
    else
        perform operation_version_move(new.operation_id);
    end if;
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
        perform operation_version_move(id) from operations
          where space_id = new.id and status in ('requested', 'approved');
    elsif tg_op = 'DELETE' then
        perform operation_version_move(id) from operations
          where enterprise_id = old.enterprise_id and status in ('requested', 'approved');
    else
        perform operation_version_move(id) from operations
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
