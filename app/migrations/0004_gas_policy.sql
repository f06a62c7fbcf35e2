-- Each enterprise's settings for the gas-test rules the research could not verify
-- (app/src/rules/gas.rs GasPolicy). No row: the defaults apply.
create table gas_policies (
    enterprise_id uuid primary key references enterprises (id),
    test_max_age_minutes integer not null check (test_max_age_minutes between 5 and 120),
    retest_interval_minutes integer not null check (retest_interval_minutes between 5 and 240),
    lel_max_percent double precision not null check (lel_max_percent > 0 and lel_max_percent <= 10),
    grade2_lel_from_percent double precision not null check (grade2_lel_from_percent > 0),
    grade2_toxic_fraction double precision not null check (grade2_toxic_fraction > 0 and grade2_toxic_fraction < 1),
    updated_by uuid not null references users (id),
    updated_at timestamptz not null default now()
);
