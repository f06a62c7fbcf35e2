//! The XLSX downloads: officers only, and another enterprise's officer gets files made of
//! their own enterprise's rows.

use super::fixture;
use crate::auth::{server::RequestUser, Role::*, SessionUser};
use sqlx::PgPool;

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_exports_admit_officers_only(pool: PgPool) {
    use axum::extract::{Query, State};
    let f = fixture(&pool).await;
    let officers = [SafetyOfficer, EnterpriseAdmin];
    let as_ = |who: Option<SessionUser>| axum::Extension(RequestUser(who));
    let mut wrong = Vec::new();
    let mut callers: Vec<Option<SessionUser>> = f.people.iter().cloned().map(Some).collect();
    callers.push(None);
    for who in callers {
        let role = who.as_ref().map(|p| p.role);
        let allowed = role.is_some_and(|r| officers.contains(&r));
        let ops = crate::operations::export::operations(
            State(pool.clone()),
            as_(who.clone()),
            Query(Default::default()),
        )
        .await;
        let ledger = crate::spaces::export::ledger(State(pool.clone()), as_(who.clone())).await;
        let hazards = crate::hazards::export::ledger(
            State(pool.clone()),
            as_(who.clone()),
            Query(Default::default()),
            Default::default(),
        )
        .await;
        let patrols = crate::patrols::export::records(
            State(pool.clone()),
            as_(who.clone()),
            Ok(Query(Default::default())),
            Default::default(),
        )
        .await;
        for (name, status) in [
            ("operations", ops.status()),
            ("spaces", ledger.status()),
            ("hazards", hazards.status()),
            ("patrols", patrols.status()),
        ] {
            if status.is_success() != allowed || status.is_server_error() {
                wrong.push(format!("{name}.xlsx as {role:?}: {status}"));
            }
        }
    }
    // Another enterprise's officer's files are made of their own enterprise's rows: none here.
    let theirs = crate::operations::board::history(&pool, &f.foreign, None, None, None)
        .await
        .unwrap();
    let ours = crate::operations::board::history(&pool, &f.people[1], None, None, None)
        .await
        .unwrap();
    assert_eq!((theirs.len(), ours.len()), (0, 1));
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The overview's list and the visits as XLSX: regulators only; the operator, experts and
/// enterprise people get no file, nobody a server error.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_regulators_exports_admit_regulators_only(pool: PgPool) {
    use axum::extract::{Query, State};
    let f = fixture(&pool).await;
    let mut wrong = Vec::new();
    let mut callers: Vec<Option<SessionUser>> = f.people.iter().cloned().map(Some).collect();
    callers.push(None);
    for who in callers {
        let role = who.as_ref().map(|p| p.role);
        let overview = crate::overview::export::download(
            State(pool.clone()),
            axum::Extension(RequestUser(who.clone())),
            Query(Default::default()),
            Default::default(),
        )
        .await;
        let visits = crate::visits::export::download(
            State(pool.clone()),
            axum::Extension(RequestUser(who)),
            Query(Default::default()),
            Default::default(),
        )
        .await;
        for (name, status) in [("overview", overview.status()), ("visits", visits.status())] {
            if status.is_success() != (role == Some(Regulator)) || status.is_server_error() {
                wrong.push(format!("{name}.xlsx as {role:?}: {status}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
