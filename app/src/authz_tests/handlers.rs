//! The plain (multipart) handlers the outbox delivers, in the matrix and the bad-input corpus
//! as the server functions are: who gets past authorization, nothing about enterprise A for
//! another enterprise, and no bad field reaching a 5xx or saving half.
//!
//! The offline patrol (`POST /api/v1/patrols/start_submit`, issue 21): everyone of the
//! enterprise may patrol; a county's roster (`POST /county/enterprises/import`, issue 23): the
//! operator and regulators; a visit's finding with its photo (`POST
//! /api/v1/visits/finding/multipart`): the visit's side.

use super::{fixture, Fixture, Who, ENTERPRISE};
use crate::{
    auth::{server::RequestUser, Role, SessionUser},
    photos::PhotoStore,
    state::AppState,
    testing,
};
use axum::{body::Body, http::Request, Router};
use sqlx::PgPool;
use tower::ServiceExt;
use uuid::Uuid;

const BOUNDARY: &str = "anxun-authz-boundary";

/// Every plain handler tested here and who may call it.
fn handlers() -> Vec<(&'static str, Who)> {
    vec![
        (crate::patrols::http::START_SUBMIT, Who::Roles(ENTERPRISE)),
        (
            crate::county::roster::http::UPLOAD,
            Who::Roles(&[Role::Regulator, Role::Operator]),
        ),
        (
            crate::visits::FINDING_MULTIPART,
            Who::Roles(&[Role::Regulator, Role::Expert]),
        ),
    ]
}

fn router(pool: &PgPool) -> Router {
    let options = leptos::config::LeptosOptions::builder()
        .output_name("anxun")
        .build();
    let state = AppState::new(options, pool.clone(), PhotoStore::in_memory());
    crate::patrols::http::routes()
        .merge(crate::county::roster::http::routes())
        .merge(crate::visits::http::routes())
        .with_state(state)
}

/// The usual fields of a call: the fixture's point and checklist, every item passed, started
/// as submitted (the fixture's QR was issued a moment ago: an earlier start is refused).
async fn fields(pool: &PgPool, path: &str, f: &Fixture) -> Vec<(String, String)> {
    if path == crate::county::roster::http::UPLOAD {
        // A one-row roster of enterprise A's township (the regulator's node).
        let code = crate::county::tests::code((Uuid::now_v7().as_u128() % 1_000_000) as u32);
        return vec![
            ("client_id".to_owned(), Uuid::now_v7().to_string()),
            (
                "file".to_owned(),
                format!("统一社会信用代码,企业名称,所属乡镇\n{code},新企业,甲镇\n"),
            ),
        ];
    }
    if path == crate::visits::FINDING_MULTIPART {
        // A finding on the fixture's open visit of A (its expert is `people[6]`).
        let deadline =
            crate::time_fmt::china_day(time::OffsetDateTime::now_utc()) + time::Duration::days(7);
        return [
            ("client_id", Uuid::now_v7().to_string()),
            ("visit_id", f.visit.to_string()),
            ("location", "L".into()),
            ("description", "D".into()),
            ("category", "confined_space".into()),
            ("grade", "general".into()),
            ("deadline", deadline.to_string()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    }
    assert_eq!(path, crate::patrols::http::START_SUBMIT);
    let mut conn = pool.acquire().await.unwrap();
    let checklist =
        crate::patrols::db::checklist(&mut conn, f.people[1].enterprise_id.unwrap(), f.checklist)
            .await
            .unwrap();
    let now = time::OffsetDateTime::now_utc().unix_timestamp() * 1000;
    let mut out = vec![
        ("client_id".to_owned(), Uuid::now_v7().to_string()),
        ("token".to_owned(), f.patrol_token.clone()),
        ("checklist_id".to_owned(), f.checklist.to_string()),
        ("version_id".to_owned(), checklist.version_id.to_string()),
        ("started_ms".to_owned(), now.to_string()),
        ("submitted_ms".to_owned(), now.to_string()),
    ];
    for item in &checklist.items {
        let answer = match item.answer_type {
            crate::patrols::AnswerType::PassFail => "pass".to_owned(),
            crate::patrols::AnswerType::Number => item.min_value.unwrap_or(0.0).to_string(),
            crate::patrols::AnswerType::Text => "好".to_owned(),
        };
        out.push((crate::patrols::answer_key(item.id), answer));
    }
    out
}

fn multipart(fields: &[(String, String)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (k, v) in fields {
        // The roster's `file` is sent as a file, as a browser sends a chosen one.
        let file = if k == "file" {
            "; filename=\"roster.csv\""
        } else {
            ""
        };
        body.extend(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"{file}\r\n\r\n{v}\r\n"
            )
            .into_bytes(),
        );
    }
    body.extend(format!("--{BOUNDARY}--\r\n").into_bytes());
    body
}

async fn post(
    router: &Router,
    path: &str,
    who: Option<&SessionUser>,
    fields: &[(String, String)],
) -> (u16, String) {
    let mut req = Request::post(path)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("accept", "application/json")
        .body(Body::from(multipart(fields)))
        .unwrap();
    req.extensions_mut().insert(RequestUser(who.cloned()));
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn every_plain_handler_admits_exactly_its_roles(pool: PgPool) {
    let f = fixture(&pool).await;
    let router = router(&pool);
    let mut wrong = Vec::new();
    for (path, who) in handlers() {
        let (status, _) = post(&router, path, None, &fields(&pool, path, &f).await).await;
        if status != 401 {
            wrong.push(format!("{path} as nobody: {status}"));
        }
        for person in &f.people {
            let allowed = match who {
                Who::Public | Who::SignedIn => true,
                Who::Roles(roles) => roles.contains(&person.role),
            };
            let (status, text) =
                post(&router, path, Some(person), &fields(&pool, path, &f).await).await;
            let got_in = !matches!(status, 401 | 403);
            if allowed != got_in || status >= 500 {
                wrong.push(format!("{path} as {:?}: {status} {text}", person.role));
            }
        }
        let (status, text) = post(
            &router,
            path,
            Some(&f.foreign),
            &fields(&pool, path, &f).await,
        )
        .await;
        let leaks = [
            f.patrol_point.to_string(),
            f.checklist.to_string(),
            f.patrol_token.clone(),
            "甲企业巡查点".into(),
        ]
        .iter()
        .any(|mark| text.contains(mark.as_str()));
        if leaks || !(400..500).contains(&status) {
            wrong.push(format!("{path} as another enterprise: {status} {text}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The enterprise's people each stored one patrol (they were all allowed), nobody else.
    assert_eq!(
        testing::count(
            &pool,
            "select count(*) from patrol_records where submitted_at is not null"
        )
        .await,
        4
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn no_bad_field_of_a_plain_handler_reaches_a_500_or_saves_half(pool: PgPool) {
    let f = fixture(&pool).await;
    let router = router(&pool);
    let regulator = f.people[4].clone();
    assert_eq!(regulator.role, Role::Regulator);
    let foreign_space = Uuid::now_v7();
    let audit_rows = || testing::count(&pool, "select count(*) from audit_log");
    let mut wrong = Vec::new();
    let mut calls = 0;
    for (path, _) in handlers() {
        // Someone allowed: the worker patrols, the regulator uploads a roster.
        let caller = if path == crate::county::roster::http::UPLOAD {
            &regulator
        } else {
            &f.worker
        };
        let good = fields(&pool, path, &f).await;
        for i in 0..good.len() {
            let mut variants: Vec<(String, Vec<(String, String)>)> =
                super::corpus::bad_values(foreign_space)
                    .into_iter()
                    .map(|bad| {
                        let mut p = good.clone();
                        if p[i].0 != "client_id" {
                            p[0].1 = Uuid::now_v7().to_string();
                        }
                        p[i].1 = bad.clone();
                        (bad, p)
                    })
                    .collect();
            let mut missing = good.clone();
            missing.remove(i);
            missing[0].1 = Uuid::now_v7().to_string();
            variants.push(("(missing)".into(), missing));
            for (bad, body) in variants {
                let before = audit_rows().await;
                let (status, text) = post(&router, path, Some(caller), &body).await;
                calls += 1;
                let after = audit_rows().await;
                let field = &good[i].0;
                let shown = bad.chars().take(20).collect::<String>();
                if status >= 500 {
                    wrong.push(format!("{path} {field}={shown:?}: {status} {text}"));
                } else if status >= 400 && after != before {
                    wrong.push(format!("{path} {field}={shown:?}: refused but saved"));
                }
            }
        }
    }
    assert!(calls > 100, "only {calls} calls");
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
