//! The bad-input corpus: every field of every form of every server function gets each bad
//! value (wrong type, out of range, huge, NUL, emoji, HTML, another enterprise's id); no answer
//! is a 5xx and a refused request saves nothing.

use super::{body, call_with, fixture, matrix, Who};
use crate::testing;
use sqlx::PgPool;
use uuid::Uuid;

/// The bad inputs every field of every form gets.
pub(super) fn bad_values(foreign_space: Uuid) -> Vec<String> {
    vec![
        "abc".into(),
        "-5".into(),
        "1e309".into(),
        "NaN".into(),
        String::new(),
        "字".repeat(10_000),
        "😀🚧".into(),
        "a\u{0}b".into(),
        "<script>alert(1)</script>".into(),
        "'; drop table users; --".into(),
        Uuid::now_v7().to_string(),
        foreign_space.to_string(),
    ]
}

fn encode(text: &str) -> String {
    urlencoding::encode(text).into_owned()
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn no_bad_input_reaches_a_500_or_saves_half(pool: PgPool) {
    let f = fixture(&pool).await;
    let foreign_space = crate::spaces::service::create(
        &pool,
        &f.foreign,
        Uuid::now_v7(),
        &crate::spaces::SpaceForm {
            code: "B-1".into(),
            name: "乙".into(),
            location: "B".into(),
            space_type: "tank".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .id;
    let audit_rows = || {
        let pool = pool.clone();
        async move { testing::count(&pool, "select count(*) from audit_log").await }
    };
    let mut wrong = Vec::new();
    let mut calls = 0;
    for (path, who) in matrix() {
        let caller = match who {
            Who::Public => continue,
            Who::SignedIn => &f.people[0],
            Who::Roles(roles) => match f.people.iter().find(|p| roles.contains(&p.role)) {
                Some(p) => p,
                None => continue,
            },
        };
        let good = body(path, &f);
        let pairs: Vec<(String, String)> = good
            .split('&')
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())))
            .collect();
        for i in 0..pairs.len() {
            let mut variants: Vec<(String, String)> = bad_values(foreign_space)
                .into_iter()
                .map(|bad| {
                    let mut p = pairs.clone();
                    // A fresh submission id each time, unless the id itself is the bad value.
                    if p[i].0 != "client_id" {
                        if let Some(c) = p.iter_mut().find(|(k, _)| k == "client_id") {
                            c.1 = Uuid::now_v7().to_string();
                        }
                    }
                    p[i].1 = encode(&bad);
                    (bad, join(&p))
                })
                .collect();
            let mut missing = pairs.clone();
            missing.remove(i);
            variants.push(("(missing)".into(), join(&missing)));
            let mut twice = pairs.clone();
            twice.push(pairs[i].clone());
            variants.push(("(twice)".into(), join(&twice)));
            for (bad, body) in variants {
                let before = audit_rows().await;
                let (status, text) = call_with(&pool, path, Some(caller), body).await;
                calls += 1;
                let after = audit_rows().await;
                let field = &pairs[i].0;
                let shown = bad.chars().take(20).collect::<String>();
                if status >= 500 {
                    wrong.push(format!("{path} {field}={shown:?}: {status} {text}"));
                } else if status >= 400 && after != before {
                    wrong.push(format!("{path} {field}={shown:?}: refused but saved"));
                } else if bad.contains('\u{0}')
                    && status < 400
                    // A checkbox counts as ticked whatever its value; a search drops them.
                    && !path.ends_with("list")
                    && pairs[i].1 != "on"
                {
                    wrong.push(format!("{path} {field}=NUL accepted: {status}"));
                }
            }
        }
    }
    assert!(calls > 500, "only {calls} calls");
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

fn join(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}
