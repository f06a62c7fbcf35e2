-- The role the app connects as (DATABASE_URL): it reads and writes rows and nothing else; no
-- superuser, no right to create or alter tables. Run it as the role that owns the schema and
-- runs the migrations (DATABASE_MIGRATION_URL), in the app's database, before or after the
-- first start:
--   psql "$DATABASE_MIGRATION_URL" -v app_role=anxun_app -f scripts/app-role.sql
-- then give the role a password (`\password anxun_app`) unless the server trusts local logins.
-- Tables the owner creates later (new migrations) are granted by the default privileges.
\set ON_ERROR_STOP on
select format('create role %I login nosuperuser nocreatedb nocreaterole', :'app_role')
  where not exists (select from pg_roles where rolname = :'app_role') \gexec
select format('grant connect on database %I to %I', current_database(), :'app_role') \gexec
select format('grant usage on schema public to %I', :'app_role') \gexec
select format('grant select, insert, update, delete on all tables in schema public to %I', :'app_role') \gexec
select format('grant usage, select, update on all sequences in schema public to %I', :'app_role') \gexec
select format('alter default privileges in schema public grant select, insert, update, delete on tables to %I', :'app_role') \gexec
select format('alter default privileges in schema public grant usage, select, update on sequences to %I', :'app_role') \gexec
