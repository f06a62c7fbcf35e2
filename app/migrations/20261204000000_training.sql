-- Training (安全教育培训), issue 9: sessions with a rotating sign-in QR, attendance with
-- credited hours, assessment (trainer's score or an on-phone quiz from the enterprise's
-- question bank), the moves that call for re-training (转岗, 复岗), and qualifications filled
-- from passed sessions. Sources: research §A4, §C4; the rules are in app/src/rules/training.rs.
-- Hours are stored in half hours (学时 are credited in half-hour steps): no numeric type.

-- A person's department (invitations, coverage by department) and 入厂日期 (the 三级教育卡).
alter table users
    add column department text check (department is null or length(department) between 1 and 40),
    add column hired_on date;

-- The enterprise's training policy: hours of 三级教育 a new hire needs (24, or 72 for
-- 金属冶炼 and the other high-risk sectors), and the yearly re-training hours it asks of
-- everyone (off by default: 3号令 sets no national minimum for front-line workers).
alter table enterprises
    add column induction_half_hours integer not null default 48
        check (induction_half_hours between 2 and 400),
    add column annual_half_hours integer
        check (annual_half_hours is null or annual_half_hours between 1 and 400);

create table training_sessions (
    id uuid primary key,
    enterprise_id uuid not null references enterprises (id),
    title text not null check (length(title) between 1 and 80),
    category text not null check (category in
        ('induction_company', 'induction_workshop', 'induction_team', 'transfer',
         'return_to_post', 'restart', 'confined_space', 'four_new', 'daily', 'other')),
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    -- 学时 credited to a person present for the whole session.
    credited_half_hours integer not null check (credited_half_hours between 1 and 48),
    location text not null check (length(location) between 1 and 80),
    trainer_id uuid not null references users (id),
    summary text not null default '' check (length(summary) <= 2000),
    -- Open to everyone of the enterprise, or only to `training_invitations`.
    open_to_all boolean not null,
    assessment text not null check (assessment in ('none', 'score', 'quiz')),
    pass_mark integer check (pass_mark between 0 and 100),
    -- Questions drawn for the quiz (assessment 'quiz').
    quiz_size integer check (quiz_size between 1 and 50),
    -- The session's part of the sign-in URL (128 random bits), and the key of the codes that
    -- rotate with the clock (HMAC of the time step). The key never leaves the server.
    token text not null unique,
    qr_secret bytea not null check (length(qr_secret) = 32),
    cancelled_at timestamptz,
    created_by uuid not null references users (id),
    client_id uuid not null unique,
    created_at timestamptz not null default now(),
    check (ends_at > starts_at),
    check ((assessment = 'none') = (pass_mark is null)),
    check ((assessment = 'quiz') = (quiz_size is not null))
);
create index training_sessions_enterprise on training_sessions (enterprise_id, starts_at);
create index training_sessions_trainer on training_sessions (trainer_id, starts_at);

-- Who is invited when a session is not open to all: a person, a department or a role.
create table training_invitations (
    session_id uuid not null references training_sessions (id) on delete cascade,
    kind text not null check (kind in ('person', 'department', 'role')),
    value text not null check (length(value) between 1 and 40),
    primary key (session_id, kind, value)
);

-- One row per person per session: presence (how it was shown), hours and result.
create table training_attendance (
    session_id uuid not null references training_sessions (id),
    user_id uuid not null references users (id),
    enterprise_id uuid not null references enterprises (id),
    signed_in_at timestamptz not null,
    sign_in_by text not null check (sign_in_by in ('scan', 'trainer')),
    -- The trainer who ticked the roster, or the person who scanned.
    sign_in_recorded_by uuid not null references users (id),
    signed_out_at timestamptz,
    sign_out_by text check (sign_out_by in ('scan', 'trainer')),
    sign_out_recorded_by uuid references users (id),
    -- The trainer's override of the credited hours, with its reason.
    override_half_hours integer check (override_half_hours between 0 and 48),
    override_reason text check (length(override_reason) between 1 and 200),
    override_by uuid references users (id),
    score integer check (score between 0 and 100),
    passed boolean,
    assessed_by text check (assessed_by in ('trainer', 'quiz')),
    assessed_at timestamptz,
    primary key (session_id, user_id),
    check ((override_half_hours is null) = (override_reason is null)),
    check ((signed_out_at is null) = (sign_out_by is null)),
    check (signed_out_at is null or signed_out_at >= signed_in_at),
    check ((passed is null) = (assessed_by is null))
);
create index training_attendance_user on training_attendance (user_id);

-- The enterprise's question bank. `correct` holds the indexes (from 0) of the right options;
-- a starter question keeps its key so installing the starter bank twice adds nothing.
create table training_questions (
    id uuid primary key,
    enterprise_id uuid not null references enterprises (id),
    category text not null check (category in
        ('induction_company', 'induction_workshop', 'induction_team', 'transfer',
         'return_to_post', 'restart', 'confined_space', 'four_new', 'daily', 'other')),
    kind text not null check (kind in ('single', 'multiple', 'true_false')),
    prompt text not null check (length(prompt) between 1 and 300),
    options jsonb not null,
    correct smallint[] not null check (cardinality(correct) >= 1),
    basis text not null default '' check (length(basis) <= 200),
    starter_key text,
    active boolean not null default true,
    created_by uuid references users (id),
    created_at timestamptz not null default now()
);
create unique index training_questions_starter_key on training_questions (enterprise_id, starter_key)
    where starter_key is not null;
create index training_questions_bank on training_questions (enterprise_id, category) where active;

-- The questions a quiz session drew, in order (drawn once, the same for every attendee).
create table training_quiz_questions (
    session_id uuid not null references training_sessions (id),
    position integer not null check (position >= 1),
    question_id uuid not null references training_questions (id),
    primary key (session_id, position),
    unique (session_id, question_id)
);

-- Each submitted quiz: the answers as given, graded on the server.
create table training_quiz_attempts (
    id uuid primary key,
    session_id uuid not null references training_sessions (id),
    user_id uuid not null references users (id),
    enterprise_id uuid not null references enterprises (id),
    answers jsonb not null,
    correct_count integer not null check (correct_count >= 0),
    question_count integer not null check (question_count >= 1),
    score integer not null check (score between 0 and 100),
    passed boolean not null,
    client_id uuid not null unique,
    submitted_at timestamptz not null default now()
);
create index training_quiz_attempts_person on training_quiz_attempts (session_id, user_id);

-- Moves that call for the 车间 + 班组 re-training (3号令 第十七条): a new post (转岗) from
-- `on_date`, or a return (复岗) on `on_date` after being away since `away_since`.
create table person_moves (
    id uuid primary key,
    enterprise_id uuid not null references enterprises (id),
    user_id uuid not null references users (id),
    kind text not null check (kind in ('transfer', 'return_to_post')),
    on_date date not null,
    away_since date,
    note text not null default '' check (length(note) <= 200),
    recorded_by uuid not null references users (id),
    client_id uuid not null unique,
    created_at timestamptz not null default now(),
    check ((kind = 'return_to_post') = (away_since is not null)),
    check (away_since is null or away_since < on_date)
);
create index person_moves_user on person_moves (user_id, on_date);

-- Qualifications: a passed confined-space session fills one (source 'session'); outside
-- certificates, 特种作业 included, are entered by hand with their document and expiry
-- ('manual'); 'demo' marks the demo data's.
alter table qualifications drop constraint qualifications_kind_check;
alter table qualifications
    add constraint qualifications_kind_check
        check (kind in ('confined_space', 'special_operation')),
    add column session_id uuid references training_sessions (id),
    add column document_ref text check (length(document_ref) between 1 and 80),
    add constraint qualifications_source_check check (source in ('manual', 'session', 'demo')),
    add constraint qualifications_session_source check ((source = 'session') = (session_id is not null));
create unique index qualifications_session_key on qualifications (session_id, user_id)
    where session_id is not null;
