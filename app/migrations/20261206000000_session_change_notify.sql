-- Each server process keeps the sessions it resolved for a few seconds (auth::server::
-- session_cache). These announce every ended session and every changed user to all of them,
-- once the change is committed (NOTIFY is delivered at commit), so none serves a session
-- that ended or a user as they were. Payload: 's' || hex of the token hash, or 'u' || user id.
create function session_change_notify() returns trigger
language plpgsql as $$
begin
    if tg_table_name = 'sessions' then
        perform pg_notify('anxun_session_change', 's' || encode(old.token_hash, 'hex'));
    else
        perform pg_notify('anxun_session_change', 'u' || old.id::text);
    end if;
    return null;
end
$$;

create trigger sessions_change_notify after delete on sessions
    for each row execute function session_change_notify();
create trigger users_change_notify after update or delete on users
    for each row execute function session_change_notify();
