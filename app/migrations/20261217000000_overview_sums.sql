-- The county's overview summed by the database (issue 23's bench: 3,000 enterprises read
-- row by row into the server took 50 ms a view; summed where they lie, 20 rows come back).

-- The ledger's facts of every enterprise at or under a node, as county publishes them
-- (`county::service::enterprise_facts` reads it; the overview sums it with its kept figures
-- in one query). A plain SQL function, so the planner reads through it into the caller.
create function enterprise_facts_under(node uuid, signed_in_since timestamptz)
    returns table (id uuid, name text, credit_code text, place text, path uuid[],
                   active boolean, focus_risks text[], major_hazard_source boolean,
                   standard_grade text, version integer, has_admin boolean, signed_in boolean)
    language sql stable parallel safe
    as $$
    select e.id, e.name, e.credit_code, j.name, j.path, e.active, e.focus_risks,
           e.major_hazard_source, e.standard_grade, e.version,
           exists (select 1 from users u where u.enterprise_id = e.id
                     and u.role = 'enterprise_admin' and u.active),
           exists (select 1 from users u where u.enterprise_id = e.id
                     and u.last_login_at >= signed_in_since)
    from enterprises e
    join jurisdictions j on j.id = e.jurisdiction_id
    where j.path @> array[node]
    $$;

-- The kept figures as columns the database can sum (they were one jsonb value). Kept
-- figures are computed again when missing, so none need carrying over.
truncate overview_figures;
alter table overview_figures
    drop column figures,
    add column items_cleared integer not null,
    add column items_applicable integer not null,
    add column rounds_made integer not null,
    add column rounds_expected integer not null,
    add column rounds_missed integer not null,
    add column hazards_open integer not null,
    add column hazards_overdue integer not null,
    add column hazards_major integer not null,
    add column people integer not null,
    add column people_cleared integer not null,
    add column operations integer not null;
