//! The time of the act a request records: now for a request made online, the phone's time
//! of the act (corrected, `rules::offline`) for one the outbox delivers. A kernel module: the
//! audited step records it; the outbox (`offline`) sets it.

use axum::{extract::FromRequestParts, http::request::Parts};
use std::{convert::Infallible, future::Future};
use time::OffsetDateTime;

/// When the act of this request was done, and when it arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Act {
    /// The time to record the act at and to judge time rules by.
    pub at: OffsetDateTime,
    /// When the server received the request.
    pub arrived: OffsetDateTime,
    /// Delivered by the outbox (made earlier on a phone without signal).
    pub offline: bool,
}

impl Act {
    /// An act made online: it happens as it arrives.
    pub fn online(now: OffsetDateTime) -> Act {
        Act {
            at: now,
            arrived: now,
            offline: false,
        }
    }

    /// An act the outbox delivered.
    pub fn delivered(at: OffsetDateTime, arrived: OffsetDateTime) -> Act {
        Act {
            at,
            arrived,
            offline: true,
        }
    }

    /// What `audit_log.acted_at` keeps: the act's time when it was not the arrival.
    pub fn acted_at(&self) -> Option<OffsetDateTime> {
        self.offline.then_some(self.at)
    }
}

tokio::task_local! {
    /// Set by the outbox's delivery (`offline::delivery::outbox`) around the handler of a
    /// delivered request.
    static ACT: Act;
}

/// The act of the request being handled: the outbox's (set by `offline::delivery` for the
/// handler's task, server functions and axum handlers alike), else an online act now.
pub fn act() -> Act {
    ACT.try_with(|a| *a)
        .unwrap_or_else(|_| Act::online(OffsetDateTime::now_utc()))
}

/// Runs `f` as the handling of a request whose act is `act` (the middleware; tests).
pub async fn with_act<F: Future>(act: Act, f: F) -> F::Output {
    ACT.scope(act, f).await
}

/// For axum handlers: `Act` as an extractor (the same as `act()`).
impl<S: Send + Sync> FromRequestParts<S> for Act {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Act>().copied().unwrap_or_else(act))
    }
}
