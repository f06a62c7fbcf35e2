-- Tenants, people, sessions and the audit log. Ids are UUIDv7 made by the application
-- (PostgreSQL 15 has no uuidv7()); every time is a timestamptz.

create table jurisdictions (
    id uuid primary key,
    name text not null,
    created_at timestamptz not null default now()
);

create table enterprises (
    id uuid primary key,
    -- Short code people type with an employee number to sign in.
    code text not null,
    name text not null,
    jurisdiction_id uuid not null references jurisdictions (id),
    created_at timestamptz not null default now()
);
create unique index enterprises_code_key on enterprises (upper(code));
create index enterprises_jurisdiction on enterprises (jurisdiction_id);

create table users (
    id uuid primary key,
    enterprise_id uuid references enterprises (id),
    jurisdiction_id uuid references jurisdictions (id),
    role text not null check (role in
        ('worker', 'safety_officer', 'trainer', 'enterprise_admin', 'regulator')),
    name text not null check (length(name) between 1 and 40),
    mobile text,
    employee_no text,
    password_hash text not null,
    active boolean not null default true,
    failed_logins integer not null default 0,
    locked_until timestamptz,
    -- The id the submitting client made; a retried submission finds it and stores nothing new.
    client_id uuid unique,
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    -- Regulators belong to a jurisdiction, everyone else to exactly one enterprise.
    check (case when role = 'regulator'
                then jurisdiction_id is not null and enterprise_id is null
                else enterprise_id is not null and jurisdiction_id is null end),
    check (mobile is not null or employee_no is not null)
);
create unique index users_mobile_key on users (mobile) where mobile is not null;
create unique index users_employee_no_key on users (enterprise_id, employee_no)
    where employee_no is not null;
create index users_enterprise on users (enterprise_id);

create table sessions (
    -- SHA-256 of the cookie's token: the table alone cannot be used to sign in.
    token_hash bytea primary key,
    user_id uuid not null references users (id) on delete cascade,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null
);
create index sessions_user on sessions (user_id);

create table user_imports (
    client_id uuid primary key,
    enterprise_id uuid not null references enterprises (id),
    imported_by uuid not null references users (id),
    row_count integer not null,
    created_at timestamptz not null default now()
);

create table audit_log (
    id uuid primary key,
    enterprise_id uuid references enterprises (id),
    actor_id uuid not null references users (id),
    action text not null,
    subject_id uuid,
    client_id uuid,
    detail jsonb not null default '{}',
    created_at timestamptz not null default now()
);
create index audit_log_enterprise_time on audit_log (enterprise_id, created_at);
