-- The risk register (安全风险分级管控, the first half of 双重预防; issue 24): the enterprise's
-- grading policy, its risk points and each point's hazards, evaluated and graded by
-- `rules::risk_grade`. Every row carries enterprise_id; a child names its parent with it.

-- The class edges and forced-grade settings the sources leave open (defaults and basis:
-- `rules::risk_grade`, docs/research.md §E1). No row: the defaults.
create table risk_policies (
    enterprise_id uuid primary key references enterprises (id),
    method text not null check (method in ('lec', 'ls')),
    lec_red_above integer not null,
    lec_orange_above integer not null,
    lec_yellow_above integer not null,
    ls_red_from integer not null,
    ls_orange_from integer not null,
    ls_yellow_from integer not null,
    confined_toxic_at_least_large boolean not null,
    updated_by uuid not null references users (id),
    updated_at timestamptz not null default now(),
    check (lec_red_above > lec_orange_above and lec_orange_above > lec_yellow_above
           and lec_yellow_above >= 0),
    check (ls_red_from > ls_orange_from and ls_orange_from > ls_yellow_from
           and ls_yellow_from >= 1 and ls_red_from <= 25)
);

-- A risk point (风险点): a place, a piece of equipment or facility, or a work activity, in an
-- area of the enterprise, linked where it exists to a confined space or a patrol point.
create table risk_points (
    id uuid primary key,
    enterprise_id uuid not null references enterprises (id),
    kind text not null check (kind in ('place', 'equipment', 'activity')),
    name text not null,
    area text not null default '',
    department text not null default '',
    space_id uuid,
    patrol_point_id uuid,
    active boolean not null default true,
    -- Bumped by every edit (the register as it stood on a date is kept by a later slice).
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    foreign key (enterprise_id, space_id) references confined_spaces (enterprise_id, id),
    foreign key (enterprise_id, patrol_point_id) references patrol_points (enterprise_id, id)
);
create unique index risk_points_enterprise_id_key on risk_points (enterprise_id, id);
create index risk_points_enterprise on risk_points (enterprise_id, active, name);

-- A hazard (危险源 / 危险有害因素) of a risk point: typed by GB 6441 and GB/T 13861, evaluated
-- by the method in force when it was scored (the factors kept as given: LEC's L and E in
-- tenths, C whole; LS's L and S 1–5), and graded: the score's grade raised by the situations
-- that force one (`forced`).
create table risk_hazards (
    id uuid primary key,
    enterprise_id uuid not null references enterprises (id),
    risk_point_id uuid not null,
    description text not null,
    consequence text not null default '',
    accident_class text not null check (accident_class in ('struck_by_object', 'vehicle',
        'machinery', 'lifting', 'electrocution', 'drowning', 'burn', 'fire', 'fall_from_height',
        'collapse', 'roof_fall', 'water_inrush', 'blasting', 'explosives_explosion',
        'gas_explosion', 'boiler_explosion', 'vessel_explosion', 'other_explosion',
        'poisoning_asphyxiation', 'other_injury')),
    factor_class text not null check (factor_class in
        ('human', 'material', 'environment', 'management')),
    method text not null check (method in ('lec', 'ls')),
    factor_l integer not null,
    factor_e integer,
    factor_c integer,
    factor_s integer,
    score_hundredths integer not null check (score_hundredths >= 0),
    forced text[] not null default '{}' check (forced <@ array['major_accident_hazard',
        'accident_conditions_remain', 'ten_or_more_exposed', 'confined_toxic']::text[]),
    grade text not null check (grade in ('major', 'large', 'general', 'low')),
    active boolean not null default true,
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((method = 'lec' and factor_e is not null and factor_c is not null and factor_s is null)
        or (method = 'ls' and factor_s is not null and factor_e is null and factor_c is null)),
    foreign key (enterprise_id, risk_point_id) references risk_points (enterprise_id, id)
);
create unique index risk_hazards_enterprise_id_key on risk_hazards (enterprise_id, id);
create index risk_hazards_point on risk_hazards (risk_point_id) where active;

-- A hazard's control measures (管控措施): by type, owned at a level (管控层级: by default the
-- hazard's grade's, `rules::risk_grade::ControlLevel::default_for`), with the person of the
-- enterprise responsible for it.
create table risk_measures (
    id uuid primary key,
    enterprise_id uuid not null references enterprises (id),
    hazard_id uuid not null,
    kind text not null check (kind in
        ('engineering', 'management', 'training', 'ppe', 'emergency')),
    text text not null,
    level text not null check (level in ('company', 'workshop', 'team', 'post')),
    responsible_id uuid not null references users (id),
    active boolean not null default true,
    created_at timestamptz not null default now(),
    foreign key (enterprise_id, hazard_id) references risk_hazards (enterprise_id, id)
);
create unique index risk_measures_enterprise_id_key on risk_measures (enterprise_id, id);
create index risk_measures_hazard on risk_measures (hazard_id) where active;
