-- Hazard photos: the 随手拍 report's before-photo (整改前) and the after-photo (整改后) of an
-- on-the-spot fix or a rectification (issue 8, parts 4–5). One row links one photo to one
-- hazard, made by the step that took it (`client_id` is that step's submission, the audit
-- row's client id, so the trail shows each photo at its move).

-- What the composite foreign keys below point at: a hazard or photo together with its
-- enterprise, so a link can only join a hazard and a photo of one enterprise.
create unique index if not exists hazards_enterprise_id_key on hazards (enterprise_id, id);
create unique index if not exists photos_enterprise_id_key on photos (enterprise_id, id);

create table hazard_photos (
    -- A photo shows one hazard, once: never linked again (to this hazard or another).
    photo_id uuid primary key,
    hazard_id uuid not null,
    enterprise_id uuid not null references enterprises (id),
    stage text not null check (stage in ('before', 'after')),
    linked_by uuid not null references users (id),
    linked_at timestamptz not null,
    -- The step that linked it (the audit row with this client id).
    client_id uuid not null,
    foreign key (enterprise_id, hazard_id) references hazards (enterprise_id, id),
    foreign key (enterprise_id, photo_id) references photos (enterprise_id, id)
);
-- A hazard's photos, in the order they were taken.
create index hazard_photos_hazard on hazard_photos (hazard_id, linked_at);
