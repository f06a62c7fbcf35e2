//! Server functions of the question bank and the quiz, on fixed versioned endpoints.

use super::{AttemptResult, BankQuestion, QuestionForm, QuizAnswersForm, QuizView};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::training::TrainingField;
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::{
    auth::server::{back_to_form, Cx},
    error::{parse_uuid, respond, respond_form, Problem},
    training::Category,
};

/// The bank's active questions, of one category (`category`, empty: all).
#[server(endpoint = "v1/training/questions")]
pub async fn list_questions(
    #[server(default)] category: String,
) -> Result<Vec<BankQuestion>, AppError> {
    respond(
        async {
            let cx = Cx::get()?;
            let category = match category.trim() {
                "" => None,
                c => Some(
                    Category::parse(c)
                        .ok_or(AppError::invalid(TrainingField::Category, Problem::Invalid))?,
                ),
            };
            super::service::bank(&cx.pool, &cx.actor, category).await
        }
        .await,
    )
}

/// Installs the starter bank (有限空间专题, 三级教育); returns how many questions were added.
#[server(endpoint = "v1/training/questions/install_starter")]
pub async fn install_starter_bank(client_id: Uuid) -> Result<u64, AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            super::service::install_starter(&cx.pool, &cx.actor, client_id).await
        }
        .await,
        |_| back_to_form(("saved", "1")),
    )
}

#[server(endpoint = "v1/training/questions/create")]
pub async fn create_question(client_id: Uuid, form: QuestionForm) -> Result<Uuid, AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            cx.actor.require_role(super::service::KEEPERS)?;
            let input = form.validate()?;
            super::service::add_question(&cx.pool, &cx.actor, client_id, &input).await
        }
        .await,
        |_| back_to_form(("saved", "1")),
    )
}

#[server(endpoint = "v1/training/questions/deactivate")]
pub async fn deactivate_question(client_id: Uuid, id: String) -> Result<(), AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            let id = parse_uuid(&id, TrainingField::Question)?;
            super::service::deactivate_question(&cx.pool, &cx.actor, client_id, id).await
        }
        .await,
        |_| back_to_form(("saved", "1")),
    )
}

/// The quiz of a session (drawn the first time it is opened), or the person's result.
#[server(endpoint = "v1/training/quiz")]
pub async fn session_quiz(session_id: String) -> Result<QuizView, AppError> {
    respond(
        async {
            let cx = Cx::get()?;
            let id = parse_uuid(&session_id, TrainingField::QuizSession)?;
            super::service::quiz(&cx.pool, &cx.actor, id).await
        }
        .await,
    )
}

/// Submits the person's answers (`form[answers][<position>][]` = option index); graded on
/// the server. A plain form post goes back to the quiz page, which then shows the result.
#[server(endpoint = "v1/training/quiz_submit")]
pub async fn quiz_submit(
    client_id: Uuid,
    session_id: String,
    #[server(default)] form: QuizAnswersForm,
) -> Result<AttemptResult, AppError> {
    let session_id = parse_uuid(&session_id, TrainingField::QuizSession);
    respond_form(
        async {
            let cx = Cx::get()?;
            cx.actor.require_role(super::service::TAKERS)?;
            let session_id = session_id.clone()?;
            let chosen = form.validate()?;
            let now = time::OffsetDateTime::now_utc();
            super::service::submit(&cx.pool, &cx.actor, client_id, session_id, &chosen, now).await
        }
        .await,
        // The quiz page shows the result once submitted.
        |_| format!("/training/quiz/{}", session_id.clone().unwrap_or_default()),
    )
}
