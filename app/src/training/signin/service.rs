//! Signing in and out by scan: what a scan's arrival answers (`arrive`), the sign-in page
//! (`view`), the two steps (`sign_in`, `sign_out`, each one audited step) and the projector
//! (`projector`). Every function takes the clock (`now`).
//!
//! The order of the checks is the order a worker needs to hear them: not ours (another
//! enterprise), cancelled, already signed in (a second scan says so and changes nothing),
//! the code or ticket too old, not open yet / over, not invited.

use super::{
    code::{self, Holder, Mode},
    db::{self, ScanSession},
    SignInInput, SignInView, Signed,
};
use crate::training::TrainingAction;
use crate::{
    audit::step::{AuditedTx, Prior, StepSpec},
    auth::{Role, SessionUser},
    error::AppError,
    fresh_or,
    rules::training::{offline_sign_in_arrived_in_time, EARLY_SIGN_IN, SCAN_GRACE},
    time_fmt::local_minutes,
    training::{session_db, Review, TrainingRefusal},
};
use serde_json::json;
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

/// Everyone of an enterprise signs in to the sessions they are invited to.
pub const SIGNERS: &[Role] = &Role::ENTERPRISE_ROLES;

/// Who may show a session's QR: trainers, officers and admins of the enterprise (and the
/// session's own trainer, whatever their role).
pub const PROJECTORS: &[Role] = &[Role::Trainer, Role::SafetyOfficer, Role::EnterpriseAdmin];

/// How many names the projector lists.
const LATEST_NAMES: i64 = 5;

fn refuse<T>(r: TrainingRefusal) -> Result<T, AppError> {
    Err(AppError::refused(r))
}

/// From when the sign-in QR's ticket also offers 签退: the session's last quarter, and at
/// least its last 10 minutes (our policy). Before that only the sign-out QR signs out (a
/// person leaving early, flagged as such).
pub fn sign_out_opens(starts_at: OffsetDateTime, ends_at: OffsetDateTime) -> OffsetDateTime {
    let quarter = (ends_at - starts_at) / 4_i32;
    (ends_at - quarter.max(Duration::minutes(10))).max(starts_at)
}

/// Whether the session takes scans at `now`: from `EARLY_SIGN_IN` before its start to
/// `SCAN_GRACE` after its end.
fn window(s: &ScanSession, now: OffsetDateTime) -> Result<(), TrainingRefusal> {
    if now < s.starts_at - EARLY_SIGN_IN {
        Err(TrainingRefusal::NotOpenYet)
    } else if now > s.ends_at + SCAN_GRACE {
        Err(TrainingRefusal::SessionOver)
    } else {
        Ok(())
    }
}

/// `window` for a scan of `now`; for one the offline outbox brought, `now` is the phone's
/// time of the act, and one dated before the session opens is said so (issue 20 §2).
fn opened(s: &ScanSession, now: OffsetDateTime) -> Result<(), TrainingRefusal> {
    if crate::offline::act().offline && now < s.starts_at - EARLY_SIGN_IN {
        return Err(TrainingRefusal::ScannedBeforeOpen);
    }
    window(s, now)
}

/// The session's trainer does not sign in to it (nor takes its quiz): no self-certification.
fn not_own(s: &ScanSession, user: &SessionUser) -> Result<(), TrainingRefusal> {
    if s.trainer_id == user.id {
        Err(TrainingRefusal::OwnSession)
    } else {
        Ok(())
    }
}

fn is_ours(s: &ScanSession, user: &SessionUser) -> Result<(), TrainingRefusal> {
    if user.enterprise_id == Some(s.enterprise_id) {
        Ok(())
    } else {
        Err(TrainingRefusal::OtherEnterprise)
    }
}

fn not_cancelled(s: &ScanSession) -> Result<(), TrainingRefusal> {
    match s.cancelled_at {
        Some(_) => Err(TrainingRefusal::SessionCancelled),
        None => Ok(()),
    }
}

/// The mode of the ticket in `input` when it is `actor`'s (or their browser's) and fresh.
fn ticket_mode(
    s: &ScanSession,
    actor: &SessionUser,
    input: &SignInInput,
    now: OffsetDateTime,
) -> Result<Mode, TrainingRefusal> {
    let mut holders = vec![Holder::Person(actor.id)];
    holders.extend(input.browser.map(Holder::Browser));
    code::check_ticket(
        &s.qr_secret,
        &input.ticket,
        &holders,
        now,
        code::step_seconds(),
    )
    .ok_or(TrainingRefusal::CodeExpired)
}

/// What a good scan earns: the ticket, and for a scan made before logging in the random
/// value the browser keeps (`http::SCAN_COOKIE`) that the ticket is bound to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrival {
    pub ticket: String,
    pub browser: Option<[u8; 16]>,
}

fn new_browser_value() -> Result<[u8; 16], AppError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|err| {
        tracing::error!(error = %err, "no randomness for a scan cookie");
        AppError::Internal
    })?;
    Ok(bytes)
}

async fn scanned_session(pool: &PgPool, token: &str) -> Result<ScanSession, AppError> {
    let token = super::scanned_token(token)?;
    db::by_token(pool, token).await?.ok_or(AppError::NotFound)
}

/// A scan of `/t/<token>/<code>` arriving at `now`, by `user` when signed in: the ticket
/// for the sign-in page (bound to the person, or without one to the browser), or why not.
/// Without a user, what needs one (enterprise, invitation) is checked by the sign-in page
/// after the login.
pub async fn arrive(
    pool: &PgPool,
    user: Option<&SessionUser>,
    token: &str,
    scanned_code: &str,
    mode: Mode,
    now: OffsetDateTime,
) -> Result<Arrival, AppError> {
    let s = scanned_session(pool, token).await?;
    if let Some(user) = user {
        is_ours(&s, user).map_err(AppError::refused)?;
        not_own(&s, user).map_err(AppError::refused)?;
    }
    not_cancelled(&s).map_err(AppError::refused)?;
    let step = code::step_seconds();
    if !code::accepts(&s.qr_secret, mode, scanned_code, now, step) {
        return refuse(TrainingRefusal::CodeExpired);
    }
    opened(&s, now).map_err(AppError::refused)?;
    if let Some(user) = user {
        if db::presence(pool, s.id, user.id).await?.is_none()
            && !session_db::invited(pool, s.id, user.id).await?
        {
            return refuse(TrainingRefusal::NotInvited);
        }
    }
    let (holder, browser) = match user {
        Some(user) => (Holder::Person(user.id), None),
        None => {
            let value = new_browser_value()?;
            (Holder::Browser(value), Some(value))
        }
    };
    Ok(Arrival {
        ticket: code::ticket(&s.qr_secret, mode, holder, now, step),
        browser,
    })
}

/// The sign-in page of `token` for `actor` holding `ticket`.
pub async fn view(
    pool: &PgPool,
    actor: &SessionUser,
    input: &SignInInput,
    now: OffsetDateTime,
) -> Result<SignInView, AppError> {
    actor.require_role(SIGNERS)?;
    let s = scanned_session(pool, &input.token).await?;
    // Another enterprise's session: the refusal, and not a word of the session itself.
    is_ours(&s, actor).map_err(AppError::refused)?;
    let presence = db::presence(pool, s.id, actor.id).await?;
    let ticket = ticket_mode(&s, actor, input, now);
    let refusal = match presence {
        _ if s.cancelled_at.is_some() => Some(TrainingRefusal::SessionCancelled),
        None if s.trainer_id == actor.id => Some(TrainingRefusal::OwnSession),
        // Signed in and out: nothing more to do here.
        Some((_, Some(_))) => None,
        Some((_, None)) => match ticket {
            // Signed in and the code has expired: say nothing, the page says 已签到.
            Err(_) => None,
            Ok(_) => window(&s, now).err(),
        },
        None => match ticket.and_then(|_| window(&s, now)) {
            Err(r) => Some(r),
            Ok(()) if !session_db::invited(pool, s.id, actor.id).await? => {
                Some(TrainingRefusal::NotInvited)
            }
            Ok(()) => None,
        },
    };
    let sign_out_mode =
        matches!(ticket, Ok(Mode::Out)) || now >= sign_out_opens(s.starts_at, s.ends_at);
    Ok(SignInView {
        title: s.title.clone(),
        when: when(&s),
        location: s.location.clone(),
        trainer: s.trainer.clone(),
        signed_in_at: presence.map(|(at, _)| local_minutes(at)),
        signed_out_at: presence.and_then(|(_, out)| out).map(local_minutes),
        can_sign_in: presence.is_none() && refusal.is_none(),
        can_sign_out: matches!(presence, Some((_, None)))
            && ticket.is_ok()
            && refusal.is_none()
            && sign_out_mode,
        refusal,
        pending_review: presence.is_some()
            && db::review(pool, s.id, actor.id).await? == Some(Review::Pending),
        quiz: (s.assessment == crate::training::Assessment::Quiz).then_some(s.id),
    })
}

/// `2026-12-01 09:00–11:00`, or both full times when the session runs over midnight.
fn when(s: &ScanSession) -> String {
    let (from, to) = (local_minutes(s.starts_at), local_minutes(s.ends_at));
    match (from.split_once(' '), to.split_once(' ')) {
        (Some((day, _)), Some((end_day, end))) if day == end_day => format!("{from}–{end}"),
        _ => format!("{from} – {to}"),
    }
}

/// What a retried submission answered the first time.
fn signed_from(prior: &Prior) -> Result<Signed, AppError> {
    /// The part of a sign-in's or sign-out's audit detail a retry answers.
    #[derive(serde::Deserialize)]
    struct SignedDetail {
        at: String,
    }
    let SignedDetail { at } = prior.detail_as()?;
    Ok(Signed { at, already: false })
}

/// Signs `actor` in to the session of `input.token` at `now`, once: a second submission
/// (a retry with the same client id, or another scan) answers the first sign-in's time.
pub async fn sign_in(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    input: &SignInInput,
    now: OffsetDateTime,
) -> Result<Signed, AppError> {
    actor.require_role(SIGNERS)?;
    let s = scanned_session(pool, &input.token).await?;
    let spec = StepSpec {
        action: TrainingAction::SignIn.into(),
        roles: SIGNERS,
        client_id,
        subject: Some(s.id),
    };
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |prior| {
        signed_from(&prior)
    });
    is_ours(&s, actor).map_err(AppError::refused)?;
    not_cancelled(&s).map_err(AppError::refused)?;
    not_own(&s, actor).map_err(AppError::refused)?;
    if let Some((at, _)) = db::presence(tx.conn(), s.id, actor.id).await? {
        tx.unchanged().await?;
        return Ok(Signed {
            at: local_minutes(at),
            already: true,
        });
    }
    // Made offline (`now` is then the act's time): judged at the act, but taken only when it
    // reached the server by 30 minutes after the end (`rules::training`), and then counted
    // only once the trainer accepts it (issue 20 §4).
    let act = crate::offline::act();
    if act.offline && !offline_sign_in_arrived_in_time(act.arrived, s.ends_at) {
        return refuse(TrainingRefusal::OfflineTooLate);
    }
    ticket_mode(&s, actor, input, now).map_err(AppError::refused)?;
    opened(&s, now).map_err(AppError::refused)?;
    if !session_db::invited(tx.conn(), s.id, actor.id).await? {
        return refuse(TrainingRefusal::NotInvited);
    }
    let review = act.offline.then_some(Review::Pending);
    if !db::insert_scan(tx.conn(), &s, actor.id, now, review).await? {
        // Another scan of this person's, with another client id, signed in meanwhile.
        let at = db::presence(tx.conn(), s.id, actor.id)
            .await?
            .map_or(now, |(at, _)| at);
        tx.unchanged().await?;
        return Ok(Signed {
            at: local_minutes(at),
            already: true,
        });
    }
    let at = local_minutes(now);
    tx.commit(json!({ "at": at, "by": "scan", "review": review }))
        .await?;
    Ok(Signed { at, already: false })
}

/// Signs `actor` out of the session of `input.token` at `now`, once.
pub async fn sign_out(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    input: &SignInInput,
    now: OffsetDateTime,
) -> Result<Signed, AppError> {
    actor.require_role(SIGNERS)?;
    let s = scanned_session(pool, &input.token).await?;
    let spec = StepSpec {
        action: TrainingAction::SignOut.into(),
        roles: SIGNERS,
        client_id,
        subject: Some(s.id),
    };
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |prior| {
        signed_from(&prior)
    });
    is_ours(&s, actor).map_err(AppError::refused)?;
    not_cancelled(&s).map_err(AppError::refused)?;
    match db::presence(tx.conn(), s.id, actor.id).await? {
        None => return refuse(TrainingRefusal::NotSignedIn),
        Some((_, Some(out))) => {
            tx.unchanged().await?;
            return Ok(Signed {
                at: local_minutes(out),
                already: true,
            });
        }
        Some((_, None)) => {}
    }
    // Made offline (a sign-out scan or button without signal, `now` the act's time): under
    // the sign-in's rules, judged at the act and taken only when it reached the server by 30
    // minutes after the end (`rules::training`).
    let act = crate::offline::act();
    if act.offline && !offline_sign_in_arrived_in_time(act.arrived, s.ends_at) {
        return refuse(TrainingRefusal::OfflineSignOutTooLate);
    }
    let mode = ticket_mode(&s, actor, input, now).map_err(AppError::refused)?;
    opened(&s, now).map_err(AppError::refused)?;
    if mode == Mode::In && now < sign_out_opens(s.starts_at, s.ends_at) {
        return refuse(TrainingRefusal::SignOutNotYet);
    }
    if !db::sign_out(tx.conn(), s.id, actor.id, now).await? {
        let at = db::presence(tx.conn(), s.id, actor.id)
            .await?
            .and_then(|(_, out)| out)
            .unwrap_or(now);
        tx.unchanged().await?;
        return Ok(Signed {
            at: local_minutes(at),
            already: true,
        });
    }
    let at = local_minutes(now);
    tx.commit(json!({ "at": at, "by": "scan" })).await?;
    Ok(Signed { at, already: false })
}

/// Everything the projector page shows at `now`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Projector {
    pub title: String,
    pub mode: Mode,
    /// The path the QR carries, without the origin: `/t/<token>/<code>` (`/out` added for
    /// the sign-out QR).
    pub path: String,
    pub seconds_to_next: i64,
    pub signed_in: i64,
    pub signed_out: i64,
    pub expected: i64,
    pub latest: Vec<String>,
    pub cancelled: bool,
}

/// The projector page of the enterprise's session `id`.
pub async fn projector(
    pool: &PgPool,
    actor: &SessionUser,
    id: Uuid,
    mode: Mode,
    now: OffsetDateTime,
) -> Result<Projector, AppError> {
    let enterprise_id = actor.enterprise()?;
    let s = db::by_id(pool, enterprise_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if s.trainer_id != actor.id {
        actor.require_role(PROJECTORS)?;
    }
    let step = code::step_seconds();
    let code = code::code_at(&s.qr_secret, mode, now, step);
    let suffix = if mode == Mode::Out { "/out" } else { "" };
    let (signed_in, signed_out, expected) = db::counts(pool, s.id).await?;
    let latest = db::latest_names(pool, s.id, mode == Mode::Out, LATEST_NAMES).await?;
    Ok(Projector {
        title: s.title,
        mode,
        path: format!("/t/{}/{code}{suffix}", s.token),
        seconds_to_next: code::seconds_to_next(now, step),
        signed_in,
        signed_out,
        expected,
        latest,
        cancelled: s.cancelled_at.is_some(),
    })
}
