-- Issue 23: run it for a real county. The jurisdictions become a tree, the platform operator
-- (平台管理员) is a role of no enterprise and no jurisdiction, and an enterprise row becomes
-- its ledger entry (企业基础信息台账).

-- The tree: 省 / 市 / 县 / 乡镇·街道 / 园区. A node never moves (it may be renamed), so the
-- path of ids from its root to itself is fixed at creation and a regulator's reach is one
-- array test ("is my node on the enterprise's jurisdiction's path").
alter table jurisdictions
    add column parent_id uuid references jurisdictions (id),
    add column level text not null default 'township'
        check (level in ('province', 'city', 'county', 'township', 'park')),
    add column path uuid[],
    add column updated_at timestamptz not null default now();
update jurisdictions set path = array[id];
alter table jurisdictions
    alter column path set not null,
    add constraint jurisdictions_path_ends_in_self check (path[cardinality(path)] = id);
create index jurisdictions_path on jurisdictions using gin (path);
create index jurisdictions_parent on jurisdictions (parent_id);
-- Two children of one parent (or two roots) never share a name.
create unique index jurisdictions_name_key on jurisdictions (parent_id, name) nulls not distinct;

-- The path is the database's to make, and a child sits below its parent's level (the app
-- checks which levels fit, `county::tree::Level`, and says so; this is the backstop).
create function jurisdictions_place() returns trigger language plpgsql as $$
declare
    parent jurisdictions;
    rank_of constant text[] := array['province', 'city', 'county', 'township', 'park'];
begin
    if tg_op = 'UPDATE' then
        if new.parent_id is distinct from old.parent_id or new.level <> old.level then
            raise exception 'a jurisdiction keeps its parent and level' using errcode = '23514';
        end if;
        new.path := old.path;
        return new;
    end if;
    if new.parent_id is null then
        new.path := array[new.id];
        return new;
    end if;
    select * into parent from jurisdictions where id = new.parent_id;
    if array_position(rank_of, new.level) <= array_position(rank_of, parent.level) then
        raise exception 'a jurisdiction sits below its parent' using errcode = '23514';
    end if;
    new.path := parent.path || new.id;
    return new;
end $$;
create trigger jurisdictions_place before insert or update on jurisdictions
    for each row execute function jurisdictions_place();

-- Every node at or under `node`: what a regulator of `node` reads. (An SQL function of one
-- select: the planner inlines it into the query that asks.)
create function jurisdictions_under(node uuid) returns setof uuid
    language sql stable parallel safe
    as $$ select id from jurisdictions where path @> array[node] $$;

-- The platform operator: no enterprise, no jurisdiction; manages tenants and regulators and
-- reads no enterprise's safety records.
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check check (role in
    ('worker', 'safety_officer', 'trainer', 'enterprise_admin', 'regulator', 'operator'));
alter table users drop constraint users_check;
alter table users add constraint users_belong_check check (case
    when role = 'regulator' then jurisdiction_id is not null and enterprise_id is null
    when role = 'operator' then jurisdiction_id is null and enterprise_id is null
    else enterprise_id is not null and jurisdiction_id is null end);
-- Whether a person ever signed in (the ledger shows enterprises whose admin never did).
alter table users add column last_login_at timestamptz;
update users u set last_login_at = (select max(created_at) from audit_log a
    where a.actor_id = u.id and a.action = 'auth.login');

-- Steps of the oversight side (the operator's, a regulator's) may be of no enterprise; their
-- retries are found by who acted and the client id.
create index audit_log_actor_client on audit_log (actor_id, client_id) where client_id is not null;

-- The ledger entry. The credit code (统一社会信用代码, GB 32100-2015) is checked by the app
-- (`rules::credit_code`); enterprises made before this have none until the ledger is filled.
alter table enterprises
    add column credit_code text check (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
    add column address text not null default '',
    add column industry text check (industry in ('metallurgy', 'nonferrous', 'building_materials',
        'machinery', 'light_industry', 'textile', 'tobacco', 'commerce')),
    -- 规上 (above designated size) or 规下; and 小微.
    add column above_scale boolean not null default false,
    add column small_micro boolean not null default false,
    -- The focus risks of the plan's item 17, and the steel and aluminium trades.
    add column focus_risks text[] not null default '{}' check (focus_risks <@ array[
        'molten_metal', 'coal_gas', 'hazardous_chemicals', 'confined_space', 'combustible_dust',
        'steel', 'aluminium']::text[]),
    add column major_hazard_source boolean not null default false,
    add column standard_grade text check (standard_grade in
        ('level1', 'level2', 'level3', 'small_micro')),
    add column standard_date date,
    -- The principal as the ledger names them, before (or besides) their account.
    add column principal_name text not null default '',
    add column contact_mobile text not null default '',
    add column active boolean not null default true,
    add column version integer not null default 1,
    add column updated_at timestamptz not null default now();
create unique index enterprises_credit_code_key on enterprises (credit_code);
create index enterprises_focus on enterprises using gin (focus_risks);

-- A roster file uploaded for import (county::roster): its rows as read, kept so the dry run
-- and the import that follows it read the same file. Of no enterprise (it names many, some
-- not yet in the ledger): listed in app/src/db_tenancy_tests.rs.
create table roster_imports (
    id uuid primary key,
    actor_id uuid not null references users (id),
    -- The uploader's node (none: the operator's whole tree).
    top_node uuid references jurisdictions (id),
    file_name text not null check (length(file_name) <= 200),
    rows jsonb not null,
    created_at timestamptz not null default now(),
    applied_at timestamptz
);
create index roster_imports_actor on roster_imports (actor_id, created_at);

-- 涉及 / 不涉及: an item of the 25 the enterprise (or its regulator) marked as not concerning
-- it, with the reason. Items also do not apply when the enterprise's ledger entry lacks the
-- focus risk their pack concerns (patrols::packs::Pack::concerns); a mark is for the rest.
create table selfcheck_not_applicable (
    enterprise_id uuid not null references enterprises (id),
    item_key text not null,
    reason text not null check (length(reason) between 1 and 200),
    set_by uuid not null references users (id),
    set_at timestamptz not null default now(),
    primary key (enterprise_id, item_key)
);
