-- How long a phone keeps the pages it saved for offline use (issue 20 item 12): the
-- enterprise's setting, 24 hours without a row, at most 168 (the outbox keeps records 7 days).
create table offline_policies (
    enterprise_id uuid primary key references enterprises (id),
    keep_pages_hours integer not null default 24 check (keep_pages_hours between 1 and 168),
    updated_by uuid not null references users (id),
    updated_at timestamptz not null default now()
);
