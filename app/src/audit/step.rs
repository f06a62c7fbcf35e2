//! The one audited step: every write of every feature runs inside an `AuditedTx`.
//!
//! `AuditedTx::begin` checks the actor's role and enterprise, opens the transaction and looks
//! the submission's client id up in the audit log (one id per enterprise: the audit row is the
//! submission's idempotency record). The step then locks and checks what it needs through
//! `conn()`, and ends in one of two ways:
//! - `commit` / `created`: writes the typed audit row, then commits. This is the only way to
//!   commit a change, so no write can skip its audit row;
//! - `unchanged`: a no-op (the state already is what was asked), committed without a row.
//!
//! Returning early (a refusal, `?`) drops the guard, which rolls the transaction back. This is
//! the registry server's `modify_yank` shape (one transition body, early return when nothing
//! changes, a typed action row) with realworld's explicit commit.

use super::AuditAction;
use crate::{
    actor::{Role, SessionUser},
    error::AppError,
};
use serde_json::Value;
use sqlx::{PgConnection, PgPool, Postgres, Transaction};
use tracing::Span;
use uuid::Uuid;

/// What a step is, before it starts.
#[derive(Debug, Clone, Copy)]
pub struct StepSpec {
    pub action: AuditAction,
    /// Roles allowed to take this step at all (finer rules are the step's own).
    pub roles: &'static [Role],
    /// The id the submitting phone made; a retry carries the same one.
    pub client_id: Uuid,
    /// The record the step changes, when it exists already (not for creations).
    pub subject: Option<Uuid>,
}

/// The outcome of `begin`.
pub enum Begun<'a, S = Uuid> {
    /// A new submission: go on.
    Fresh(AuditedTx<'a, S>),
    /// This very submission was stored before: answer as the first time did.
    Retried(Prior),
}

/// What the first run of a retried submission recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct Prior {
    pub subject_id: Option<Uuid>,
    pub detail: Value,
}

impl Prior {
    /// The first submission's detail as its action's own type (a struct per action, read by
    /// serde): what a retry answers. A row of another shape is a fault of ours, logged.
    pub fn detail_as<T: serde::de::DeserializeOwned>(&self) -> Result<T, AppError> {
        serde_json::from_value(self.detail.clone()).map_err(|err| {
            tracing::error!(error = %err, "an audit row's detail is not of its action's shape");
            AppError::Internal
        })
    }

    /// A creation's retry must be the same request: `detail[key]` recorded the first time must
    /// equal `value` now, or the client id was reused for something else.
    pub fn require(&self, key: &str, value: impl serde::Serialize) -> Result<(), AppError> {
        let now = serde_json::to_value(value).map_err(|_| AppError::Internal)?;
        if self.detail.get(key) == Some(&now) {
            Ok(())
        } else {
            tracing::warn!(key, "client id reused for another request");
            Err(AppError::ClientIdReused)
        }
    }
}

/// The step's transaction. `S` is whose records it changes: an enterprise's own step knows its
/// enterprise (`Uuid`); a step of the oversight side (`begin_oversight`: the platform operator,
/// a regulator) names the enterprise it concerns, if any (`Option<Uuid>`).
pub struct AuditedTx<'a, S = Uuid> {
    /// `None` once committed.
    tx: Option<Transaction<'static, Postgres>>,
    pub actor: &'a SessionUser,
    pub enterprise_id: S,
    spec: StepSpec,
    span: Span,
}

/// The enterprise a step's audit row is filed under.
pub trait StepScope: Copy {
    fn audit_enterprise(self) -> Option<Uuid>;
}

impl StepScope for Uuid {
    fn audit_enterprise(self) -> Option<Uuid> {
        Some(self)
    }
}

impl StepScope for Option<Uuid> {
    fn audit_enterprise(self) -> Option<Uuid> {
        self
    }
}

#[derive(sqlx::FromRow)]
struct PriorRow {
    actor_id: Uuid,
    action: String,
    subject_id: Option<Uuid>,
    detail: sqlx::types::Json<Value>,
}

impl<'a> AuditedTx<'a> {
    pub async fn begin(
        pool: &PgPool,
        actor: &'a SessionUser,
        spec: StepSpec,
    ) -> Result<Begun<'a>, AppError> {
        actor.require_role(spec.roles)?;
        let enterprise_id = actor.enterprise()?;
        open(
            pool,
            actor,
            spec,
            enterprise_id,
            PriorBy::Enterprise(enterprise_id),
        )
        .await
    }

    /// Whether this submission was stored before, without starting a step: for a step whose
    /// preparation is costly (hashing a file's passwords), so a retry answers at once.
    /// `begin` checks again, under the lock.
    pub async fn prior(
        pool: &PgPool,
        actor: &SessionUser,
        spec: StepSpec,
    ) -> Result<Option<Prior>, AppError> {
        actor.require_role(spec.roles)?;
        let enterprise_id = actor.enterprise()?;
        let span = tracing::debug_span!("prior", action = spec.action.as_str());
        let mut conn = pool.acquire().await?;
        find_prior(
            &mut conn,
            actor,
            PriorBy::Enterprise(enterprise_id),
            &spec,
            &span,
        )
        .await
    }
}

impl<'a> AuditedTx<'a, Option<Uuid>> {
    /// `prior` for an oversight step: whether the actor stored this submission before.
    pub async fn prior_oversight(
        pool: &PgPool,
        actor: &SessionUser,
        spec: StepSpec,
    ) -> Result<Option<Prior>, AppError> {
        actor.require_role(spec.roles)?;
        if actor.enterprise_id.is_some() {
            return Err(AppError::Forbidden);
        }
        let span = tracing::debug_span!("prior", action = spec.action.as_str());
        let mut conn = pool.acquire().await?;
        find_prior(&mut conn, actor, PriorBy::Actor, &spec, &span).await
    }

    /// A step of the oversight side: the platform operator's or a regulator's (people of no
    /// enterprise), concerning the enterprise `about` when there is one (its audit row is
    /// filed under it, so the enterprise's trail shows it). Whether the actor may reach that
    /// enterprise or node is the caller's check, inside the step. A retry is found by who
    /// acted and the client id.
    pub async fn begin_oversight(
        pool: &PgPool,
        actor: &'a SessionUser,
        spec: StepSpec,
        about: Option<Uuid>,
    ) -> Result<Begun<'a, Option<Uuid>>, AppError> {
        actor.require_role(spec.roles)?;
        if actor.enterprise_id.is_some() {
            return Err(AppError::Forbidden);
        }
        open(pool, actor, spec, about, PriorBy::Actor).await
    }
}

/// Where a step looks for its submission's earlier row.
#[derive(Clone, Copy)]
enum PriorBy {
    /// The enterprise's client ids (one id per enterprise).
    Enterprise(Uuid),
    /// The acting person's (the oversight side, which has no enterprise).
    Actor,
}

async fn open<'a, S: StepScope>(
    pool: &PgPool,
    actor: &'a SessionUser,
    spec: StepSpec,
    enterprise_id: S,
    prior_by: PriorBy,
) -> Result<Begun<'a, S>, AppError> {
    let span = tracing::info_span!(
        "step",
        feature = spec.action.feature(),
        action = spec.action.as_str(),
        actor = %actor.id,
        subject = ?spec.subject,
        client_id = %spec.client_id,
    );
    let mut tx = pool.begin().await.inspect_err(|e| log_db(&span, e))?;
    // Two deliveries of one submission (a double tap, the outbox retrying while the first
    // answer is lost) wait for each other here, so the second finds the first's row.
    sqlx::query("select pg_advisory_xact_lock($1)")
        .bind(lock_key(spec.client_id))
        .execute(&mut *tx)
        .await
        .inspect_err(|e| log_db(&span, e))?;
    if let Some(prior) = find_prior(&mut tx, actor, prior_by, &spec, &span).await? {
        return Ok(Begun::Retried(prior));
    }
    Ok(Begun::Fresh(AuditedTx {
        tx: Some(tx),
        actor,
        enterprise_id,
        spec,
        span,
    }))
}

impl<'a, S: StepScope> AuditedTx<'a, S> {
    /// The connection of this transaction, for the step's locks, checks and writes.
    pub fn conn(&mut self) -> &mut PgConnection {
        self.tx
            .as_mut()
            .expect("an AuditedTx is used only until it commits")
    }

    pub fn span(&self) -> &Span {
        &self.span
    }

    /// Records the change on the step's subject and commits.
    pub async fn commit(self, detail: Value) -> Result<(), AppError> {
        let subject = self.spec.subject;
        self.finish(subject, detail).await
    }

    /// Records the creation of `subject` and commits.
    pub async fn created(self, subject: Uuid, detail: Value) -> Result<(), AppError> {
        self.finish(Some(subject), detail).await
    }

    /// Records, inside this step, that it also created `subject` with `action` (a hazard a
    /// patrol submission raised), so that subject's own trail starts with its creation. The
    /// row's client id is derived from the step's and `part` (the failed item), so one
    /// submission gives each of its creations its own id, the same on every run; the step's
    /// own row, written by `commit`, stays the submission's idempotency record (a retry
    /// answers from it and never comes here). Returns the derived id, for the rows that name
    /// this creation (a photo linked by it).
    pub async fn also_created(
        &mut self,
        action: impl Into<AuditAction>,
        subject: Uuid,
        part: Uuid,
        detail: Value,
    ) -> Result<Uuid, AppError> {
        let action: AuditAction = action.into();
        let client_id = derived_client_id(self.spec.client_id, part);
        let row = Row {
            enterprise_id: self.enterprise_id.audit_enterprise(),
            actor_id: self.actor.id,
            action,
            subject: Some(subject),
            client_id: Some(client_id),
            detail,
            acted_at: crate::act::act().acted_at(),
        };
        let span = self.span.clone();
        insert(self.conn(), row)
            .await
            .inspect_err(|e| log_db(&span, e))?;
        tracing::debug!(parent: &span, %action, subject = %subject, "also created");
        Ok(client_id)
    }

    /// Nothing changed (the state already is what was asked): commit without an audit row.
    pub async fn unchanged(mut self) -> Result<(), AppError> {
        let tx = self.tx.take().expect("not committed yet");
        tx.commit().await.inspect_err(|e| log_db(&self.span, e))?;
        tracing::debug!(parent: &self.span, "unchanged");
        Ok(())
    }

    async fn finish(mut self, subject: Option<Uuid>, detail: Value) -> Result<(), AppError> {
        let span = self.span.clone();
        let row = Row {
            enterprise_id: self.enterprise_id.audit_enterprise(),
            actor_id: self.actor.id,
            action: self.spec.action,
            subject,
            client_id: Some(self.spec.client_id),
            detail,
            acted_at: crate::act::act().acted_at(),
        };
        insert(self.conn(), row)
            .await
            .inspect_err(|e| log_db(&span, e))?;
        let tx = self.tx.take().expect("not committed yet");
        // Mustn't forget this: nothing of the step is stored before it.
        tx.commit().await.inspect_err(|e| log_db(&span, e))?;
        tracing::info!(parent: &span, subject = ?subject, "committed");
        Ok(())
    }
}

/// What happened to an account (a login, a failure, a lock, a password change, sessions
/// ended): recorded without a step, because there may be no session yet to begin one with,
/// regulators have no enterprise, and nothing else changes with it.
pub struct AccountEvent {
    pub enterprise_id: Option<Uuid>,
    pub user_id: Uuid,
    pub action: AuditAction,
    pub detail: Value,
    /// The submission's id when the person asked for it (not for logins).
    pub client_id: Option<Uuid>,
}

/// Whether `user_id` already recorded this submission (a retried account request).
pub async fn account_event_seen(
    pool: &PgPool,
    user_id: Uuid,
    client_id: Uuid,
) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar(
        "select exists (select 1 from audit_log where actor_id = $1 and client_id = $2)",
    )
    .bind(user_id)
    .bind(client_id)
    .fetch_one(pool)
    .await?)
}

/// Writes an account event's audit row (the account is both actor and subject).
pub async fn record_account_event(pool: &PgPool, event: AccountEvent) -> Result<(), AppError> {
    insert_account_event(&mut *pool.acquire().await?, event).await
}

async fn insert_account_event(
    conn: &mut PgConnection,
    event: AccountEvent,
) -> Result<(), AppError> {
    // Only the auth feature's actions are events; every other change is a step.
    if event.action.feature() != "auth" {
        tracing::error!(action = %event.action, "not an account event");
        return Err(AppError::Internal);
    }
    let action = event.action;
    let row = Row {
        enterprise_id: event.enterprise_id,
        actor_id: event.user_id,
        action,
        subject: Some(event.user_id),
        client_id: event.client_id,
        detail: event.detail,
        acted_at: None,
    };
    insert(conn, row).await.inspect_err(|e| {
        tracing::error!(error = %e, %action, "audit row not written");
    })?;
    Ok(())
}

/// A change a person makes to their own account (a new password, their other sessions
/// ended) as one transaction that commits only by writing the event's audit row: the account's
/// `AuditedTx`, for people with or without an enterprise (regulators). Dropped, it rolls back.
/// A retry is answered before it begins (`account_event_seen`).
pub struct AccountTx {
    tx: Transaction<'static, Postgres>,
    enterprise_id: Option<Uuid>,
    user_id: Uuid,
    client_id: Uuid,
}

impl AccountTx {
    pub async fn begin(
        pool: &PgPool,
        actor: &SessionUser,
        client_id: Uuid,
    ) -> Result<Self, AppError> {
        Ok(Self {
            tx: pool.begin().await?,
            enterprise_id: actor.enterprise_id,
            user_id: actor.id,
            client_id,
        })
    }

    /// The connection of this transaction, for the change itself.
    pub fn conn(&mut self) -> &mut PgConnection {
        &mut self.tx
    }

    /// Writes the event's audit row (the account is actor and subject), then commits.
    pub async fn commit(
        mut self,
        action: impl Into<AuditAction>,
        detail: Value,
    ) -> Result<(), AppError> {
        let action: AuditAction = action.into();
        let event = AccountEvent {
            enterprise_id: self.enterprise_id,
            user_id: self.user_id,
            action,
            detail,
            client_id: Some(self.client_id),
        };
        insert_account_event(&mut self.tx, event).await?;
        self.tx.commit().await?;
        Ok(())
    }
}

/// One audit row: the only place one is written.
struct Row {
    enterprise_id: Option<Uuid>,
    actor_id: Uuid,
    action: AuditAction,
    subject: Option<Uuid>,
    client_id: Option<Uuid>,
    detail: Value,
    /// When the act was made, for one the offline outbox delivered (`offline::act`); `None`
    /// when the act is the arrival (`created_at`).
    acted_at: Option<time::OffsetDateTime>,
}

async fn insert(conn: &mut PgConnection, row: Row) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into audit_log (id, enterprise_id, actor_id, action, subject_id, client_id,
            detail, acted_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(Uuid::now_v7())
    .bind(row.enterprise_id)
    .bind(row.actor_id)
    .bind(row.action)
    .bind(row.subject)
    .bind(row.client_id)
    .bind(sqlx::types::Json(row.detail))
    .bind(row.acted_at)
    .execute(conn)
    .await?;
    Ok(())
}

impl<S> Drop for AuditedTx<'_, S> {
    fn drop(&mut self) {
        if self.tx.is_some() {
            // The transaction's own drop rolls it back (a refusal, an error).
            tracing::debug!(parent: &self.span, "rolled back");
        }
    }
}

/// The audit row of this client id in the enterprise, if the submission was stored before;
/// `ClientIdReused` when it was used by someone else, for another step or another subject.
async fn find_prior(
    conn: &mut PgConnection,
    actor: &SessionUser,
    by: PriorBy,
    spec: &StepSpec,
    span: &Span,
) -> Result<Option<Prior>, AppError> {
    let query = match by {
        PriorBy::Enterprise(enterprise_id) => sqlx::query_as(
            "select actor_id, action, subject_id, detail from audit_log
             where enterprise_id = $1 and client_id = $2",
        )
        .bind(enterprise_id),
        PriorBy::Actor => sqlx::query_as(
            "select actor_id, action, subject_id, detail from audit_log
             where actor_id = $1 and client_id = $2",
        )
        .bind(actor.id),
    };
    let prior: Option<PriorRow> = query
        .bind(spec.client_id)
        .fetch_optional(conn)
        .await
        .inspect_err(|e| log_db(span, e))?;
    let Some(prior) = prior else {
        return Ok(None);
    };
    let same = prior.actor_id == actor.id
        && prior.action == spec.action.as_str()
        && spec.subject.is_none_or(|s| prior.subject_id == Some(s));
    if !same {
        tracing::warn!(parent: span, prior_action = %prior.action, "client id reused");
        return Err(AppError::ClientIdReused);
    }
    tracing::debug!(parent: span, "retried submission");
    Ok(Some(Prior {
        subject_id: prior.subject_id,
        detail: prior.detail.0,
    }))
}

/// Logs a database error inside the step's span, so the log says which step failed on what.
fn log_db(span: &Span, err: &sqlx::Error) {
    tracing::error!(parent: span, error = %err, "database error in step");
}

/// A client id derived from a submission's and a part of it: the first 16 bytes of
/// SHA-256(client id, part) as a UUIDv8. Deterministic (a rerun derives the same), and no
/// phone-made id (v4 or v7) can equal it.
pub fn derived_client_id(client_id: Uuid, part: Uuid) -> Uuid {
    use sha2::{Digest, Sha256};
    let digest = Sha256::new()
        .chain_update(client_id.as_bytes())
        .chain_update(part.as_bytes())
        .finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// The advisory lock of one client id: its last 8 bytes (random in a UUIDv4 or v7).
fn lock_key(client_id: Uuid) -> i64 {
    let bytes = client_id.as_bytes();
    let mut tail = [0u8; 8];
    tail.copy_from_slice(&bytes[8..]);
    i64::from_be_bytes(tail)
}

/// `let mut tx = fresh_or!(AuditedTx::begin(…).await?, |prior| answer)`: go on with a fresh step,
/// or return the retried submission's earlier answer.
#[macro_export]
macro_rules! fresh_or {
    ($begun:expr, |$prior:ident| $answer:expr) => {
        match $begun {
            $crate::audit::step::Begun::Fresh(tx) => tx,
            $crate::audit::step::Begun::Retried($prior) => return $answer,
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_derived_client_id_is_the_same_each_time_and_differs_per_part() {
        let (submission, a, b) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let id = derived_client_id(submission, a);
        assert_eq!(id, derived_client_id(submission, a));
        assert_ne!(id, derived_client_id(submission, b));
        assert_ne!(id, derived_client_id(Uuid::now_v7(), a));
        assert_eq!(id.get_version(), Some(uuid::Version::Custom));
    }

    #[test]
    fn a_retry_reads_the_first_answer_as_its_actions_type() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Detail {
            passed: bool,
        }
        let prior = |detail| Prior {
            subject_id: None,
            detail,
        };
        let first = prior(serde_json::json!({ "passed": true, "other": 1 }));
        assert_eq!(first.detail_as::<Detail>(), Ok(Detail { passed: true }));
        // A row of another shape is our fault: an internal error, never a made-up answer.
        for wrong in [
            serde_json::json!({}),
            serde_json::json!({ "passed": "yes" }),
        ] {
            assert_eq!(prior(wrong).detail_as::<Detail>(), Err(AppError::Internal));
        }
    }
}
