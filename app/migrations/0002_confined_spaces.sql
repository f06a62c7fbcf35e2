-- Confined-space ledger (有限空间台账) and the posted QR checkpoints that lead to each space.

create table confined_spaces (
    id uuid primary key,
    enterprise_id uuid not null references enterprises (id),
    code text not null check (length(code) between 1 and 32),
    name text not null check (length(name) between 1 and 60),
    location text not null default '',
    space_type text not null check (space_type in
        ('tank', 'pit', 'well', 'silo', 'sewer', 'pipe', 'boiler', 'dust_collector', 'other')),
    hazards text[] not null default '{}',
    -- Gases every test at this space must measure (rules::gas::Gas names).
    required_gases text[] not null default '{}',
    protective_equipment text not null default '',
    rescue_equipment text not null default '',
    responsible_person text not null default '',
    usually_contracted boolean not null default false,
    -- 中毒和窒息风险: approval then needs the principal or a written delegate (13号令).
    toxic_asphyxiation_risk boolean not null default false,
    active boolean not null default true,
    version integer not null default 1,
    client_id uuid unique,
    created_by uuid not null references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create unique index confined_spaces_code_key on confined_spaces (enterprise_id, upper(code));

-- Every saved state of a ledger row: edits keep history, nothing is overwritten silently.
create table confined_space_versions (
    space_id uuid not null references confined_spaces (id),
    version integer not null,
    snapshot jsonb not null,
    edited_by uuid not null references users (id),
    edited_at timestamptz not null default now(),
    primary key (space_id, version)
);

-- A posted QR code. The token is unguessable and is all the QR carries; the short code is
-- what people type when the camera fails. Regenerating marks the old one replaced.
create table checkpoints (
    token text primary key,
    short_code text not null unique,
    enterprise_id uuid not null references enterprises (id),
    kind text not null check (kind in ('confined_space', 'patrol_point')),
    subject_id uuid not null,
    created_at timestamptz not null default now(),
    replaced_at timestamptz
);
create unique index checkpoints_one_current on checkpoints (kind, subject_id)
    where replaced_at is null;
