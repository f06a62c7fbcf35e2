-- Hazards (隐患) and their closed loop: 待确认 → 整改中 (五落实) → 待复查 → 已销号, or back to
-- 整改中 when the re-check fails; 已立即整改 (一般 only) waits for the re-check too.
-- Fields from research §A5 (16号令, the provincial systems); the rules are in
-- app/src/rules/hazard.rs and app/src/hazards/moves.rs. (20261202000000 is the photos
-- migration of the parallel photos work.)

-- The last number given per enterprise and year: `YH-2026-0001`. The upsert that takes the
-- next one locks the row, so two reports at the same instant get two numbers.
create table hazard_numbers (
    enterprise_id uuid not null references enterprises (id),
    year integer not null,
    last_no integer not null,
    primary key (enterprise_id, year)
);

create table hazards (
    id uuid primary key,
    enterprise_id uuid not null references enterprises (id),
    number text not null,
    source text not null check (source in
        ('daily_patrol', 'special_check', 'self_check_25', 'enforcement', 'employee_report')),
    found_at timestamptz not null,
    found_by uuid not null references users (id),
    -- The patrol record, checklist item and patrol point a failed item came from. The
    -- patrols work (issue 8, parts 1–4) adds those tables and then these foreign keys; until
    -- then they are plain, always empty, columns.
    patrol_record_id uuid,
    checklist_item_id uuid,
    patrol_point_id uuid,
    location text not null check (length(location) between 1 and 120),
    description text not null check (length(description) between 1 and 2000),
    category text not null check (category in
        ('dust_explosion', 'confined_space', 'electrical', 'mechanical', 'fire',
         'special_equipment', 'hazardous_chemicals', 'management', 'other')),
    grade text not null check (grade in ('general', 'major')),
    -- The matched 判定标准 article (令第10号), e.g. "第十一条（三）".
    criterion text not null default '',
    state text not null check (state in
        ('reported', 'fixed_on_spot', 'rectifying', 'awaiting_recheck', 'closed')),
    -- 已立即整改: what was done on the spot.
    on_spot_note text,
    -- 五落实: 责任 (the rectifier, a person of the enterprise), 措施, 资金 (in fen: exact),
    -- 时限 (the last day, China time), 预案 (interim control).
    rectifier_id uuid references users (id),
    measures text,
    funds_fen bigint check (funds_fen >= 0),
    deadline date,
    interim_control text,
    confirmed_by uuid references users (id),
    confirmed_at timestamptz,
    -- 重大隐患治理方案 (16号令 第十五条), six parts, and when it was reported to the regulator.
    plan_goal text,
    plan_methods text,
    plan_funds text,
    plan_organisation text,
    plan_schedule text,
    plan_safety text,
    reported_to_regulator_on date,
    -- The rectification (or the on-the-spot fix): what was done, by whom, when.
    rectification text,
    rectified_by uuid references users (id),
    completed_at timestamptz,
    -- The latest re-check (复查/验收).
    rechecked_by uuid references users (id),
    recheck_passed boolean,
    recheck_note text,
    rechecked_at timestamptz,
    closed_at timestamptz,
    closed_by uuid references users (id),
    -- Stale-edit protection: every move names the version it was made on.
    version integer not null default 1,
    client_id uuid not null unique,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    -- The rules the database can hold on its own:
    -- 一般 only for an on-the-spot fix (16号令 第三条).
    constraint hazards_on_spot_general check (on_spot_note is null or grade = 'general'),
    -- 整改中 and later (except an on-the-spot fix) has its 五落实.
    constraint hazards_five_in_place check (state not in ('rectifying', 'awaiting_recheck')
        or on_spot_note is not null
        or (rectifier_id is not null and measures is not null and funds_fen is not null
            and deadline is not null and interim_control is not null)),
    -- A 重大 hazard leaves 待确认 only with its plan and the date it was reported.
    constraint hazards_major_plan check (grade = 'general' or state = 'reported'
        or (plan_goal is not null and plan_methods is not null and plan_funds is not null
            and plan_organisation is not null and plan_schedule is not null
            and plan_safety is not null and reported_to_regulator_on is not null)),
    -- 待复查 and 已立即整改 have the rectifier's account.
    constraint hazards_rectified check (state not in ('awaiting_recheck', 'fixed_on_spot')
        or (rectification is not null and rectified_by is not null and completed_at is not null)),
    -- The re-checker is never the one who fixed it.
    constraint hazards_independent_recheck check (rechecked_by is null or rectified_by is null
        or rechecked_by <> rectified_by),
    -- 已销号: passed the re-check, with who and when.
    constraint hazards_closed check (state <> 'closed'
        or (recheck_passed and closed_at is not null and closed_by is not null))
);
create unique index hazards_number_key on hazards (enterprise_id, number);
-- The ledger, newest first.
create index hazards_ledger on hazards (enterprise_id, found_at desc);
-- Open hazards by deadline: the overdue filter and count.
create index hazards_open_deadline on hazards (enterprise_id, deadline) where state <> 'closed';
-- A worker's own: reported by them, or theirs to fix.
create index hazards_found_by on hazards (found_by);
create index hazards_rectifier on hazards (rectifier_id) where rectifier_id is not null;
