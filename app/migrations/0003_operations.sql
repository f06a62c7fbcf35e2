-- Confined-space operations (作业): permit, ventilation, gas tests, attendant, entry log.
-- Rules from 工贸企业有限空间作业安全规定 (应急管理部令第13号); see app/src/rules.

-- 主要负责人: approves operations in spaces with a toxic/asphyxiation risk.
alter table enterprises add column principal_id uuid references users (id);

-- 书面委托: the principal's written delegation of that approval.
create table approval_delegations (
    id uuid primary key,
    enterprise_id uuid not null references enterprises (id),
    delegate_id uuid not null references users (id),
    granted_by uuid not null references users (id),
    document_ref text not null default '',
    valid_from timestamptz not null,
    valid_until timestamptz not null,
    revoked_at timestamptz,
    created_at timestamptz not null default now(),
    check (valid_until > valid_from)
);
create index approval_delegations_delegate on approval_delegations (delegate_id);

-- Valid training per person and kind. Filled by hand now; by training sessions later.
create table qualifications (
    id uuid primary key,
    enterprise_id uuid not null references enterprises (id),
    user_id uuid not null references users (id),
    kind text not null check (kind in ('confined_space')),
    valid_from timestamptz not null,
    valid_until timestamptz not null,
    source text not null default 'manual',
    recorded_by uuid not null references users (id),
    client_id uuid unique,
    created_at timestamptz not null default now(),
    check (valid_until > valid_from)
);
create index qualifications_user on qualifications (user_id, kind);

create table operations (
    id uuid primary key,
    enterprise_id uuid not null references enterprises (id),
    space_id uuid not null references confined_spaces (id),
    status text not null check (status in ('requested', 'approved', 'rejected', 'closed')),
    work_content text not null,
    planned_start timestamptz not null,
    planned_end timestamptz not null,
    requested_by uuid not null references users (id),
    attendant_id uuid not null references users (id),
    person_in_charge_id uuid not null references users (id),
    contractor text not null default '',
    measures text not null default '',
    checklist jsonb not null default '{}',
    rescue_equipment text not null default '',
    decided_by uuid references users (id),
    decided_at timestamptz,
    reject_reason text,
    attendant_in_at timestamptz,
    attendant_out_at timestamptz,
    evacuation_at timestamptz,
    -- Set when the last person comes out: re-entry then needs a new passing test.
    interrupted_at timestamptz,
    closed_at timestamptz,
    closed_by uuid references users (id),
    client_id uuid not null unique,
    created_at timestamptz not null default now(),
    check (planned_end > planned_start)
);
-- A space has at most one open operation.
create unique index operations_one_open on operations (space_id)
    where status in ('requested', 'approved');

create table operation_entrants (
    operation_id uuid not null references operations (id),
    user_id uuid not null references users (id),
    briefed_at timestamptz,
    primary key (operation_id, user_id)
);

create table ventilations (
    id uuid primary key,
    operation_id uuid not null references operations (id),
    started_at timestamptz not null,
    recorded_by uuid not null references users (id),
    client_id uuid not null unique
);

create table gas_tests (
    id uuid primary key,
    operation_id uuid not null references operations (id),
    tested_at timestamptz not null,
    tester_id uuid not null references users (id),
    detector_id text not null,
    detector_calibration_due date not null,
    passed boolean not null,
    -- [{point, gas, value, unit, ok, acceptance}] as judged by rules::gas at the time.
    readings jsonb not null,
    client_id uuid not null unique,
    created_at timestamptz not null default now()
);
create index gas_tests_operation_time on gas_tests (operation_id, tested_at desc);

create table entries (
    id uuid primary key,
    operation_id uuid not null references operations (id),
    user_id uuid not null references users (id),
    entered_at timestamptz not null,
    tools_in text not null default '',
    exited_at timestamptz,
    tools_out text,
    exit_recorded_by uuid references users (id),
    client_id uuid not null unique,
    exit_client_id uuid unique
);
-- A person is inside at most once per operation: the headcount is the open rows.
create unique index entries_one_open on entries (operation_id, user_id) where exited_at is null;
