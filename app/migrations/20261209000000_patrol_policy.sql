-- The enterprise's patrol policy (issue 20 item 3): how long after its making a round the
-- offline outbox brings may arrive and still count as done. Without a row: 24 hours. At most
-- 168 hours, the outbox's own limit (rules::offline::MAX_OUTBOX_AGE).
create table patrol_policies (
    enterprise_id uuid primary key references enterprises (id),
    upload_hours integer not null default 24 check (upload_hours between 1 and 168),
    updated_by uuid not null references users (id),
    updated_at timestamptz not null default now()
);
