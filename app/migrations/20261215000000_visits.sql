-- Guidance visits and their closed loop (issue 23, item 6: 专家指导服务, 回头看).
--
-- Experts (专家) are accounts a regulator opens at their own node; an expert reaches an
-- enterprise only through a visit that names them, and only while it is open.
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check check (role in
    ('worker', 'safety_officer', 'trainer', 'enterprise_admin', 'regulator', 'operator',
     'expert'));
alter table users drop constraint users_belong_check;
alter table users add constraint users_belong_check check (case
    when role in ('regulator', 'expert') then jurisdiction_id is not null and enterprise_id is null
    when role = 'operator' then jurisdiction_id is null and enterprise_id is null
    else enterprise_id is not null and jurisdiction_id is null end);

-- A visit's finding is a hazard of the enterprise's own ledger with source 专家指导 (or
-- 执法检查), re-checked (复核) by the visit's side, never by the enterprise.
alter table hazards drop constraint hazards_source_check;
alter table hazards add constraint hazards_source_check check (source in
    ('daily_patrol', 'special_check', 'self_check_25', 'enforcement', 'employee_report',
     'expert_guidance'));
alter table hazards add column oversight_recheck boolean not null default false;

create table visits (
    id uuid primary key,
    enterprise_id uuid not null references enterprises (id),
    -- 专家指导服务, 执法检查, or the county's own 抽查 of an enterprise its draw picked.
    kind text not null check (kind in ('guidance', 'inspection', 'spot_check')),
    -- The checklist used on site: the confined-space guidance pack or the applicable 25 items.
    checklist text not null check (checklist in ('confined_space', 'selfcheck25')),
    visited_on date not null,
    -- The side that owns the visit: the node of the regulator who opened it.
    node_id uuid not null references jurisdictions (id),
    opened_by uuid not null references users (id),
    opened_at timestamptz not null,
    note text not null default '' check (length(note) <= 500),
    closed_at timestamptz,
    closed_by uuid references users (id),
    unique (enterprise_id, id)
);
create index visits_node_time on visits (node_id, visited_on desc);

create table visit_experts (
    enterprise_id uuid not null,
    visit_id uuid not null,
    user_id uuid not null references users (id),
    primary key (visit_id, user_id),
    foreign key (enterprise_id, visit_id) references visits (enterprise_id, id)
);
create index visit_experts_user on visit_experts (user_id);

create table visit_findings (
    enterprise_id uuid not null,
    visit_id uuid not null,
    hazard_id uuid not null,
    -- The rule or standard the finding breaks (依据), and the date the visit set for it.
    basis text not null default '' check (length(basis) <= 200),
    deadline date not null,
    primary key (visit_id, hazard_id),
    unique (hazard_id),
    foreign key (enterprise_id, visit_id) references visits (enterprise_id, id),
    foreign key (enterprise_id, hazard_id) references hazards (enterprise_id, id)
);

-- 抽查: the county draws a random sample of the enterprises visited for guidance, N per
-- township, from a seed it shows (the draw is reproducible from it); its own check of each
-- pick is a visit of kind spot_check.
create table spot_draws (
    id uuid primary key,
    node_id uuid not null references jurisdictions (id),
    seed bigint not null,
    per_township int not null check (per_township between 1 and 50),
    visited_from date not null,
    visited_to date not null,
    drawn_by uuid not null references users (id),
    drawn_at timestamptz not null,
    check (visited_from <= visited_to)
);
create index spot_draws_node on spot_draws (node_id, drawn_at desc);

create table spot_picks (
    enterprise_id uuid not null references enterprises (id),
    draw_id uuid not null references spot_draws (id),
    township_id uuid not null references jurisdictions (id),
    visit_id uuid,
    primary key (draw_id, enterprise_id),
    unique (visit_id),
    foreign key (enterprise_id, visit_id) references visits (enterprise_id, id)
);
