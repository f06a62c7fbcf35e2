-- Bench data for bench/training.sh, in one enterprise (psql -v code=DEMO -v workers=N
-- -v trainer=<user id>):
--   * one training session open to all, started 10 minutes ago, taught by :trainer (what the
--     sessions pages would create; its QR key random, as theirs is);
--   * :workers workers, each already signed in to the app: a session row whose cookie token
--     is `bench-signin-<n>` (the table keeps SHA-256 of the token, as auth::server::session
--     does), so the sign-in benchmark needs no login (the login rate limit would refuse 200
--     logins from one address).
-- Prints the session's id and token, one a line.
\set ON_ERROR_STOP on
\pset tuples_only on
\pset format unaligned

create temp table ctx as
select e.id as enterprise_id,
       (select password_hash from users u where u.enterprise_id = e.id and u.role = 'worker'
        order by u.created_at limit 1) as password_hash
from enterprises e where upper(e.code) = upper(:'code');

insert into users (id, enterprise_id, role, name, mobile, employee_no, password_hash)
select gen_random_uuid(), ctx.enterprise_id, 'worker', '签到压测' || g,
       '166' || lpad(g::text, 8, '0'), 'BS' || g, ctx.password_hash
from ctx cross join generate_series(1, :workers) g;

insert into sessions (token_hash, user_id, enterprise_id, expires_at)
select sha256(convert_to('bench-signin-' || g, 'UTF8')), u.id, u.enterprise_id,
       now() + interval '1 day'
from generate_series(1, :workers) g
join users u on u.mobile = '166' || lpad(g::text, 8, '0');

create temp table seed_session as
select gen_random_uuid() as id,
       'bench' || substr(md5(random()::text), 1, 21) as token,
       decode(md5(random()::text) || md5(random()::text), 'hex') as qr_secret;

insert into training_sessions (id, enterprise_id, title, category, starts_at, ends_at,
    credited_half_hours, location, trainer_id, open_to_all, assessment, token, qr_secret,
    created_by, client_id)
select s.id, ctx.enterprise_id, '签到压测培训', 'other', now() - interval '10 minutes',
       now() + interval '2 hours', 4, '压测会议室', :'trainer', true, 'none', s.token,
       s.qr_secret, :'trainer', gen_random_uuid()
from seed_session s cross join ctx;

analyze users, sessions, training_sessions;
select id from seed_session;
select token from seed_session;
