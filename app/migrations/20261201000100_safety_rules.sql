-- A person is inside at most one confined space at a time, whatever the operation: the open
-- entry rows are the headcount of every space, so a second open row would count one body twice.
create unique index entries_one_space_per_person on entries (user_id) where exited_at is null;

-- Enterprise settings of permits (rules/permit.rs has the defaults and their basis).
create table permit_policies (
    enterprise_id uuid primary key references enterprises (id),
    -- The approver is not the attendant, the person in charge or an entrant of the permit.
    independent_approval boolean not null default true,
    max_window_hours integer not null default 24 check (max_window_hours between 1 and 72),
    updated_at timestamptz not null default now()
);
