-- Hazard patrols (隐患排查): patrol points with their posted QR checkpoints, versioned
-- checklists (检查表), schedules of expected rounds, and the records and answers of each patrol.
-- Sources: research §A3, §A5, §C1 (daily patrol template), §C3 (25 items); the rules are in
-- app/src/patrols/rounds.rs (round states) and app/src/patrols/packs.rs (the ready packs).
-- (20261202000200 is left to the parallel hazard-photos work.)

-- 巡查点: a place or a piece of equipment (or a dust system) patrolled by item. Its QR token
-- lives in `checkpoints` (kind 'patrol_point', subject_id = the point).
create table patrol_points (
    id uuid primary key,
    enterprise_id uuid not null references enterprises (id),
    name text not null check (length(name) between 1 and 60),
    area text not null default '' check (length(area) <= 120),
    -- The equipment or dust system (除尘系统) the point covers, when it is one.
    equipment text not null default '' check (length(equipment) <= 120),
    space_id uuid references confined_spaces (id),
    active boolean not null default true,
    version integer not null default 1,
    client_id uuid not null unique,
    created_by uuid not null references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create unique index patrol_points_name_key on patrol_points (enterprise_id, name);

-- 检查表: a template of the enterprise. Its items live in immutable versions: editing makes
-- a new version, and a record keeps the version it was filled against.
create table checklists (
    id uuid primary key,
    enterprise_id uuid not null references enterprises (id),
    name text not null check (length(name) between 1 and 60),
    -- What kind of check it is: the source of the hazards its failed items raise.
    kind text not null check (kind in ('daily_patrol', 'self_check_25')),
    -- The ready pack it was installed from (patrols::packs), if any: installed once.
    pack text,
    current_version integer not null default 1,
    client_id uuid not null unique,
    created_by uuid not null references users (id),
    created_at timestamptz not null default now()
);
create unique index checklists_pack_key on checklists (enterprise_id, pack)
    where pack is not null;
create unique index checklists_name_key on checklists (enterprise_id, name);

create table checklist_versions (
    id uuid primary key,
    checklist_id uuid not null references checklists (id),
    version integer not null check (version >= 1),
    created_by uuid not null references users (id),
    created_at timestamptz not null default now(),
    unique (checklist_id, version)
);

create table checklist_items (
    id uuid primary key,
    version_id uuid not null references checklist_versions (id),
    position integer not null check (position >= 1),
    text text not null check (length(text) between 1 and 200),
    category text not null check (category in
        ('dust_explosion', 'confined_space', 'electrical', 'mechanical', 'fire',
         'special_equipment', 'hazardous_chemicals', 'management', 'other')),
    -- The standard or 判定标准 article the item checks, and whether the research verified it.
    basis text not null default '' check (length(basis) <= 200),
    verified boolean not null default false,
    answer_type text not null check (answer_type in ('pass_fail', 'number', 'text')),
    min_value double precision,
    max_value double precision,
    unit text not null default '' check (length(unit) <= 16),
    photo_on_fail boolean not null default false,
    -- The grade a failed answer's hazard starts with (a 25-item finding is 重大, §A5).
    fail_grade text not null check (fail_grade in ('general', 'major')),
    unique (version_id, position),
    constraint checklist_items_range check (answer_type = 'number'
        or (min_value is null and max_value is null)),
    constraint checklist_items_range_order check (min_value is null or max_value is null
        or min_value <= max_value)
);

-- The checklists a point carries.
create table patrol_point_checklists (
    point_id uuid not null references patrol_points (id),
    checklist_id uuid not null references checklists (id),
    primary key (point_id, checklist_id)
);

-- 巡查计划: who patrols which points, how often, in which window (China time, UTC+8). A
-- window whose end is not after its start crosses midnight (22:00–06:00).
create table patrol_schedules (
    id uuid primary key,
    enterprise_id uuid not null references enterprises (id),
    name text not null check (length(name) between 1 and 60),
    frequency text not null check (frequency in ('shift', 'daily', 'weekly', 'monthly')),
    window_start time not null,
    window_end time not null,
    -- 'shift': the window repeats every 24 h / shifts_per_day from window_start.
    shifts_per_day smallint not null default 1 check (shifts_per_day between 1 and 4),
    -- 'weekly': ISO weekday (1 = Monday); 'monthly': day of the month (1–28).
    weekday smallint check (weekday between 1 and 7),
    month_day smallint check (month_day between 1 and 28),
    -- Who: everyone of a role, or the people listed in patrol_schedule_people.
    role text check (role in ('worker', 'safety_officer', 'trainer', 'enterprise_admin')),
    active boolean not null default true,
    client_id uuid not null unique,
    created_by uuid not null references users (id),
    created_at timestamptz not null default now(),
    constraint patrol_schedules_weekly check (frequency <> 'weekly' or weekday is not null),
    constraint patrol_schedules_monthly check (frequency <> 'monthly' or month_day is not null)
);

create table patrol_schedule_points (
    schedule_id uuid not null references patrol_schedules (id),
    point_id uuid not null references patrol_points (id),
    primary key (schedule_id, point_id)
);

create table patrol_schedule_people (
    schedule_id uuid not null references patrol_schedules (id),
    user_id uuid not null references users (id),
    primary key (schedule_id, user_id)
);

-- 巡查记录: started on site from the point's current QR token (or its short code, typed),
-- at server time, then submitted once with its answers.
create table patrol_records (
    id uuid primary key,
    enterprise_id uuid not null references enterprises (id),
    point_id uuid not null references patrol_points (id),
    checklist_version_id uuid not null references checklist_versions (id),
    patroller_id uuid not null references users (id),
    started_at timestamptz not null,
    presence text not null check (presence in ('qr', 'short_code')),
    -- The token that proved presence (replaced later or not, it was current then).
    token text not null references checkpoints (token),
    submitted_at timestamptz,
    client_id uuid not null unique
);
create index patrol_records_point on patrol_records (point_id, submitted_at);
create index patrol_records_enterprise on patrol_records (enterprise_id, submitted_at);

create table patrol_answers (
    record_id uuid not null references patrol_records (id),
    item_id uuid not null references checklist_items (id),
    result text not null check (result in ('pass', 'fail')),
    number double precision,
    text_value text check (length(text_value) <= 500),
    note text check (length(note) <= 500),
    photo_id uuid references photos (id),
    primary key (record_id, item_id)
);

-- The hazards of failed items now point at real rows, and one failed item raises one hazard.
alter table hazards
    add constraint hazards_patrol_record_fkey foreign key (patrol_record_id)
        references patrol_records (id),
    add constraint hazards_checklist_item_fkey foreign key (checklist_item_id)
        references checklist_items (id),
    add constraint hazards_patrol_point_fkey foreign key (patrol_point_id)
        references patrol_points (id);
create unique index hazards_one_per_failed_item on hazards (patrol_record_id, checklist_item_id)
    where patrol_record_id is not null;
