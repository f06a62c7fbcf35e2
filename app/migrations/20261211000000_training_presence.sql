-- Issue 20, items 4 and 5: presence at training is proven, not claimed, and nobody certifies
-- themselves. Rules: app/src/rules/training.rs.

-- A sign-in the offline outbox brought (a scan made without signal, delivered later) waits
-- for the review of the session's trainer (or an officer or admin): it counts for hours, the
-- sign-in sheet and clearance only once accepted. A sign-in made online, or ticked by the
-- trainer, has no review (null) and counts as before.
alter table training_attendance
    add column review text check (review in ('pending', 'accepted', 'rejected')),
    add column reviewed_by uuid references users (id),
    add column reviewed_at timestamptz,
    add constraint training_attendance_review_by
        check ((reviewed_by is null) = (review is null or review = 'pending')),
    add constraint training_attendance_review_at
        check ((reviewed_at is null) = (reviewed_by is null));
create index training_attendance_pending on training_attendance (session_id)
    where review = 'pending';

-- 补录 (back-entry): a session written more than 7 days after its end (created, or its roster,
-- hours or scores recorded) counts for hours and clearance only once a second person of the
-- enterprise confirms it. `back_entry_at` is the last such write; a confirmation before it is
-- cleared by it.
alter table training_sessions
    add column back_entry_at timestamptz,
    add column confirmed_by uuid references users (id),
    add column confirmed_at timestamptz,
    add constraint training_sessions_confirmed
        check ((confirmed_by is null) = (confirmed_at is null)),
    add constraint training_sessions_confirmed_back_entry
        check (confirmed_at is null or back_entry_at is not null);
