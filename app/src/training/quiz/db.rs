//! SQL of the question bank, the drawn quizzes and the attempts. Every query is scoped by the
//! enterprise (the bank, the session) or by one session and person.

use super::{starter::StarterQuestion, BankQuestion, QuestionInput, QuizQuestion};
use crate::training::{Category, QuestionKind};
use sqlx::{types::Json, PgConnection, PgExecutor, PgPool};
use uuid::Uuid;

/// The bank categories a session of `category` draws from: the three induction levels share
/// their banks; every other category has its own.
pub fn bank_categories(category: Category) -> Vec<Category> {
    if category.is_induction() {
        Category::INDUCTION.to_vec()
    } else {
        vec![category]
    }
}

#[derive(sqlx::FromRow)]
struct BankRow {
    id: Uuid,
    category: Category,
    kind: QuestionKind,
    prompt: String,
    options: Json<Vec<String>>,
    correct: Vec<i16>,
    basis: String,
    starter_key: Option<String>,
}

impl From<BankRow> for BankQuestion {
    fn from(r: BankRow) -> Self {
        BankQuestion {
            id: r.id,
            category: r.category,
            kind: r.kind,
            prompt: r.prompt,
            options: r.options.0,
            correct: r.correct,
            basis: r.basis,
            starter_key: r.starter_key,
        }
    }
}

/// The enterprise's active questions, of `category` only when given, oldest first.
pub async fn active_questions(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    category: Option<Category>,
) -> Result<Vec<BankQuestion>, sqlx::Error> {
    let rows: Vec<BankRow> = sqlx::query_as(
        "select id, category, kind, prompt, options, correct, basis, starter_key
         from training_questions
         where enterprise_id = $1 and active and ($2::text is null or category = $2)
         order by category, created_at, id",
    )
    .bind(enterprise_id)
    .bind(category)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Copies `starter` into the bank; questions already installed (by key) are left as they
/// are. Returns how many were added.
pub async fn install_starter(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    created_by: Uuid,
    starter: &[StarterQuestion],
) -> Result<u64, sqlx::Error> {
    let mut added = 0;
    for q in starter {
        let options: Vec<String> = q.options.iter().map(|o| (*o).to_owned()).collect();
        added += sqlx::query(
            "insert into training_questions (id, enterprise_id, category, kind, prompt, options,
                correct, basis, starter_key, created_by)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             on conflict (enterprise_id, starter_key) where starter_key is not null do nothing",
        )
        .bind(Uuid::now_v7())
        .bind(enterprise_id)
        .bind(q.category)
        .bind(q.kind)
        .bind(q.prompt)
        .bind(Json(options))
        .bind(q.correct)
        .bind(q.basis)
        .bind(q.key)
        .bind(created_by)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    }
    Ok(added)
}

pub async fn insert_question(
    conn: &mut PgConnection,
    id: Uuid,
    enterprise_id: Uuid,
    created_by: Uuid,
    q: &QuestionInput,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into training_questions (id, enterprise_id, category, kind, prompt, options,
            correct, basis, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(enterprise_id)
    .bind(q.category)
    .bind(q.kind)
    .bind(&q.prompt)
    .bind(Json(&q.options))
    .bind(&q.correct)
    .bind(&q.basis)
    .bind(created_by)
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether the enterprise's question `id` is active (`None`: no such question), locked.
pub async fn lock_question(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    id: Uuid,
) -> Result<Option<bool>, sqlx::Error> {
    sqlx::query_scalar(
        "select active from training_questions where enterprise_id = $1 and id = $2 for update",
    )
    .bind(enterprise_id)
    .bind(id)
    .fetch_optional(conn)
    .await
}

pub async fn deactivate(conn: &mut PgConnection, id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query("update training_questions set active = false where id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// How many questions the session drew (0: not drawn yet).
pub async fn drawn_count(db: impl PgExecutor<'_>, session_id: Uuid) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from training_quiz_questions where session_id = $1")
        .bind(session_id)
        .fetch_one(db)
        .await
}

/// Draws the session's quiz unless it was drawn, in one transaction: up to `size` active
/// questions of `categories` at random. Two first openings at once draw once: the second waits
/// for the session row's lock, then finds the first's draw. Returns how many were drawn now.
pub async fn draw_once(
    pool: &PgPool,
    enterprise_id: Uuid,
    session_id: Uuid,
    categories: &[Category],
    size: i32,
) -> Result<u64, sqlx::Error> {
    let mut tx = pool.begin().await?;
    crate::training::session_db::session(&mut *tx, enterprise_id, session_id, true).await?;
    let drawn = if drawn_count(&mut *tx, session_id).await? == 0 {
        draw(&mut tx, enterprise_id, session_id, categories, size).await?
    } else {
        0
    };
    tx.commit().await?;
    Ok(drawn)
}

/// Draws up to `size` active questions of `categories` at random into the session's quiz.
/// The caller holds the session row's lock and saw nothing drawn. Returns how many.
async fn draw(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    session_id: Uuid,
    categories: &[Category],
    size: i32,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "insert into training_quiz_questions (session_id, enterprise_id, position, question_id)
         select $2, $1, row_number() over (), id from (
             select id from training_questions
             where enterprise_id = $1 and active and category = any($3)
             order by random() limit $4) drawn",
    )
    .bind(enterprise_id)
    .bind(session_id)
    .bind(categories)
    .bind(i64::from(size))
    .execute(conn)
    .await?
    .rows_affected())
}

#[derive(sqlx::FromRow)]
struct DrawnRow {
    position: i32,
    kind: QuestionKind,
    prompt: String,
    options: Json<Vec<String>>,
    correct: Vec<i16>,
}

/// A drawn question with its key, for grading; `question()` is what the person sees.
pub struct Drawn {
    pub question: QuizQuestion,
    pub correct: Vec<i16>,
}

/// The session's drawn questions in order, with their right options (server only).
pub async fn drawn(db: impl PgExecutor<'_>, session_id: Uuid) -> Result<Vec<Drawn>, sqlx::Error> {
    let rows: Vec<DrawnRow> = sqlx::query_as(
        "select d.position, q.kind, q.prompt, q.options, q.correct
         from training_quiz_questions d join training_questions q on q.id = d.question_id
         where d.session_id = $1 order by d.position",
    )
    .bind(session_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Drawn {
            question: QuizQuestion {
                position: r.position,
                kind: r.kind,
                prompt: r.prompt,
                options: r.options.0,
            },
            correct: r.correct,
        })
        .collect())
}

/// Whether `user_id` signed in to the session, locking their attendance row (so two
/// submissions of one person run one after the other).
pub async fn lock_attendance(
    conn: &mut PgConnection,
    session_id: Uuid,
    user_id: Uuid,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "select true from training_attendance where session_id = $1 and user_id = $2
         for update",
    )
    .bind(session_id)
    .bind(user_id)
    .fetch_optional(conn)
    .await
    .map(|found: Option<bool>| found.is_some())
}

pub async fn attended(
    db: impl PgExecutor<'_>,
    session_id: Uuid,
    user_id: Uuid,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "select exists (select 1 from training_attendance where session_id = $1
            and user_id = $2)",
    )
    .bind(session_id)
    .bind(user_id)
    .fetch_one(db)
    .await
}

/// What an attempt stores per question: the chosen options and whether that was right.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct StoredAnswer {
    pub position: i32,
    pub chosen: Vec<u8>,
    pub right: bool,
}

pub struct NewAttempt {
    pub id: Uuid,
    pub session_id: Uuid,
    pub user_id: Uuid,
    pub enterprise_id: Uuid,
    pub answers: Vec<StoredAnswer>,
    pub correct_count: i32,
    pub question_count: i32,
    pub score: i32,
    pub passed: bool,
    pub client_id: Uuid,
}

pub async fn insert_attempt(conn: &mut PgConnection, a: &NewAttempt) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into training_quiz_attempts (id, session_id, user_id, enterprise_id, answers,
            correct_count, question_count, score, passed, client_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(a.id)
    .bind(a.session_id)
    .bind(a.user_id)
    .bind(a.enterprise_id)
    .bind(Json(&a.answers))
    .bind(a.correct_count)
    .bind(a.question_count)
    .bind(a.score)
    .bind(a.passed)
    .bind(a.client_id)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct AttemptRow {
    pub id: Uuid,
    pub answers: Json<Vec<StoredAnswer>>,
    pub correct_count: i32,
    pub question_count: i32,
    pub score: i32,
    pub passed: bool,
}

/// The person's attempt at the session's quiz, if any (one per person per session).
pub async fn attempt(
    db: impl PgExecutor<'_>,
    session_id: Uuid,
    user_id: Uuid,
) -> Result<Option<AttemptRow>, sqlx::Error> {
    sqlx::query_as(
        "select id, answers, correct_count, question_count, score, passed
         from training_quiz_attempts where session_id = $1 and user_id = $2
         order by submitted_at limit 1",
    )
    .bind(session_id)
    .bind(user_id)
    .fetch_optional(db)
    .await
}

/// An attempt by its id (a retried submission answers with it).
pub async fn attempt_by_id(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    id: Uuid,
) -> Result<Option<AttemptRow>, sqlx::Error> {
    sqlx::query_as(
        "select id, answers, correct_count, question_count, score, passed
         from training_quiz_attempts where enterprise_id = $1 and id = $2",
    )
    .bind(enterprise_id)
    .bind(id)
    .fetch_optional(db)
    .await
}
