-- A stable key per checklist item, the same on every version of its checklist, so that an
-- answer given on an old version counts for the same item on the new one (the 25-item
-- progress, issue 8 part 6). A ready pack's items are `<pack>:<n>` (n = the item's place in
-- the pack, patrols::packs::item_key), the same in every enterprise: the regulator's
-- enterprise × item matrix lines them up by it. An item added by hand gets a fresh key; an
-- edit keeps the key of the item it edits (patrols::service::edit_checklist).
alter table checklist_items add column item_key text;

-- Existing rows (before keys existed): version 1 of a pack takes the pack's keys; an item of
-- a later version takes the key of the earliest item of the same checklist with the same
-- text, which is all an edit made before keys existed left to go by; anything else its own id.
update checklist_items i set item_key = first.key
from (
    select i2.id,
        (select case when fv.version = 1 and c.pack is not null
                     then c.pack || ':' || f.position
                     else f.id::text end
         from checklist_items f
         join checklist_versions fv on fv.id = f.version_id
         where fv.checklist_id = v.checklist_id and f.text = i2.text
         order by fv.version, f.position
         limit 1) as key
    from checklist_items i2
    join checklist_versions v on v.id = i2.version_id
    join checklists c on c.id = v.checklist_id
) first
where first.id = i.id;

-- Two items of one version with the same text: the later ones keep their own id.
update checklist_items i set item_key = i.id::text
from (
    select id, row_number() over (partition by version_id, item_key order by position) as n
    from checklist_items
) dup
where dup.id = i.id and dup.n > 1;

alter table checklist_items
    alter column item_key set not null,
    add constraint checklist_items_item_key_check check (length(item_key) between 1 and 64),
    add constraint checklist_items_item_key_unique unique (version_id, item_key);
