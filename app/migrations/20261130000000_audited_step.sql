-- One audited step (app/src/audit/step.rs). Every state change writes one audit row, and
-- that row is also the submission's idempotency record: a client-made id is used once per
-- enterprise, so a retried submission finds its row and stores nothing new, and a reused id
-- with another subject or author is refused. (Per-table client_id columns stay as they are.)
create unique index audit_log_client_id_key on audit_log (enterprise_id, client_id)
    nulls not distinct where client_id is not null;

-- The scan page's trail of one operation (and later a hazard's or a session's).
create index audit_log_subject on audit_log (subject_id, created_at);

-- The ledger's hazards and gases are typed vocabularies too (spaces::Hazard, rules::gas::Gas):
-- the database refuses a name the code does not know.
alter table confined_spaces add constraint confined_spaces_hazards_known check (hazards <@ array[
    'oxygen_deficiency', 'toxic', 'flammable', 'drowning', 'engulfment', 'mechanical',
    'electrical', 'heat']::text[]);
alter table confined_spaces add constraint confined_spaces_gases_known check (required_gases <@ array[
    'oxygen', 'flammable', 'hydrogen_sulfide', 'carbon_monoxide', 'carbon_dioxide', 'ammonia',
    'chlorine', 'sulfur_dioxide']::text[]);
