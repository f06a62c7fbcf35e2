-- Sessions end after a time without use (sliding) besides their absolute lifetime.
alter table sessions add column last_seen_at timestamptz not null default now();

-- A password set by an admin (one by one or by CSV) must be changed at the next login; the
-- person is shown who set it and when.
alter table users
    add column must_change_password boolean not null default false,
    add column password_set_by uuid references users (id),
    add column password_set_at timestamptz;
