//! The four item states, answers across checklist versions, the report's content, and who
//! may read an enterprise's progress and report.

use super::SelfWorld;
use crate::{
    error::AppError,
    hazards::{HazardCategory, HazardState},
    patrols::{
        selfcheck::{category_counts, service, state_counts, ItemProgress, ItemState},
        service as patrols, ChecklistForm, ItemForm,
    },
    testing,
};
use sqlx::PgPool;
use time::macros::datetime;
use uuid::Uuid;

fn states(items: &[ItemProgress]) -> Vec<(&str, ItemState)> {
    items.iter().map(|i| (i.key.as_str(), i.state)).collect()
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn each_item_state_follows_its_latest_answer_and_hazard(pool: PgPool) {
    let s = SelfWorld::new(&pool).await;
    let officer = &s.w.officer;
    let fresh = service::progress(&pool, officer).await.unwrap();
    assert_eq!(fresh.len(), 10);
    assert!(fresh.iter().all(|i| i.state == ItemState::NotChecked));

    // 粉尘: item 1 passes; 2 fails (left 待确认); 3 fails and is closed; 4 fails, is fixed,
    // and the re-check fails (back to 整改中).
    let at = datetime!(2026-12-01 09:30 +8);
    let hazards = s.check(s.dust, &[1, 2, 3], at).await;
    assert_eq!(hazards.len(), 3);
    s.confirm(hazards[1]).await;
    s.rectify(hazards[1]).await;
    s.recheck(hazards[1], true).await;
    s.confirm(hazards[2]).await;
    s.rectify(hazards[2]).await;
    s.recheck(hazards[2], false).await;

    let items = service::progress(&pool, officer).await.unwrap();
    let dust: Vec<_> = states(&items).into_iter().take(6).collect();
    assert_eq!(
        dust,
        vec![
            ("sc25_dust:1", ItemState::Compliant),
            ("sc25_dust:2", ItemState::Rectifying),
            ("sc25_dust:3", ItemState::Closed),
            ("sc25_dust:4", ItemState::Rectifying),
            ("sc25_dust:5", ItemState::Compliant),
            ("sc25_dust:6", ItemState::Compliant),
        ]
    );
    let sent_back = items[3].hazard.as_ref().unwrap();
    assert_eq!(sent_back.state, HazardState::Rectifying);
    assert_eq!(items[2].hazard.as_ref().unwrap().state, HazardState::Closed);
    assert_eq!(items[1].hazard.as_ref().unwrap().id, hazards[0]);
    assert!(items[1]
        .hazard
        .as_ref()
        .unwrap()
        .number
        .starts_with("YH-2026-"));
    assert_eq!(
        items[0].checked_by.as_deref(),
        Some(s.w.worker.name.as_str())
    );
    assert_eq!(items[0].checked_at.as_deref(), Some("2026-12-01 09:30"));
    assert!(items[0].hazard.is_none());
    // 有限空间 never answered.
    assert!(items[6..].iter().all(|i| i.state == ItemState::NotChecked));
    assert!(items[6..].iter().all(|i| i.checked_at.is_none()));
    assert_eq!(
        state_counts(&items),
        vec![
            (ItemState::NotChecked, 4),
            (ItemState::Compliant, 3),
            (ItemState::Rectifying, 2),
            (ItemState::Closed, 1),
            (ItemState::NotApplicable, 0),
        ]
    );
    assert_eq!(
        category_counts(&items),
        vec![
            (HazardCategory::DustExplosion, [0, 3, 2, 1, 0]),
            (HazardCategory::ConfinedSpace, [4, 0, 0, 0, 0]),
        ]
    );

    // A later self-check decides: item 2 passes now, item 1 fails now.
    let later = datetime!(2026-12-02 09:30 +8);
    s.check(s.dust, &[0], later).await;
    let items = service::progress(&pool, officer).await.unwrap();
    assert_eq!(items[0].state, ItemState::Rectifying);
    assert_eq!(items[1].state, ItemState::Compliant);
    assert_eq!(items[1].checked_at.as_deref(), Some("2026-12-02 09:30"));
}

/// The edit form of the checklist as it stands, its rows in `order` (indexes into the current
/// items), each with its key.
async fn edit_form(s: &SelfWorld, order: &[usize]) -> ChecklistForm {
    let current = patrols::checklist(s.pool(), &s.w.officer, s.dust)
        .await
        .unwrap();
    let row = |n: usize| {
        let i = &current.items[n];
        ItemForm {
            key: i.key.clone(),
            text: i.text.clone(),
            category: i.category.as_str().into(),
            basis: i.basis.clone(),
            answer_type: i.answer_type.as_str().into(),
            major: Some("on".into()),
            ..Default::default()
        }
    };
    ChecklistForm {
        name: current.name.clone(),
        items: order.iter().map(|n| row(*n)).collect(),
    }
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_answer_on_an_old_version_counts_for_the_same_item_on_the_new_one(pool: PgPool) {
    let s = SelfWorld::new(&pool).await;
    // On version 1: item 2 fails.
    let hazards = s.check(s.dust, &[1], datetime!(2026-12-01 09:30 +8)).await;
    // Version 2: item 2 reworded and moved first, item 1 dropped, a new item added, and a
    // row claiming item 3's key twice (the second copy is a new item).
    let mut form = edit_form(&s, &[1, 2, 3, 4, 5, 2]).await;
    form.items[0].text = "干式除尘系统未采取控爆措施（改写）".into();
    form.items.push(ItemForm {
        key: "sc25_dust:99".into(), // a key no item had: a new item
        text: "新增检查项".into(),
        category: "dust_explosion".into(),
        answer_type: "pass_fail".into(),
        ..Default::default()
    });
    let v = patrols::edit_checklist(&pool, &s.w.officer, Uuid::now_v7(), s.dust, 1, &form);
    assert_eq!(v.await, Ok(2));

    let items = service::progress(&pool, &s.w.officer).await.unwrap();
    let dust: Vec<_> = items
        .iter()
        .filter(|i| i.checklist.contains("粉尘"))
        .collect();
    assert_eq!(dust.len(), 7);
    assert_eq!(dust[0].key, "sc25_dust:2");
    assert_eq!(dust[0].text, "干式除尘系统未采取控爆措施（改写）");
    assert_eq!(dust[0].state, ItemState::Rectifying);
    assert_eq!(dust[0].hazard.as_ref().map(|h| h.id), Some(hazards[0]));
    assert_eq!(dust[1].key, "sc25_dust:3");
    assert_eq!(dust[1].state, ItemState::Compliant);
    // The copied row and the forged key became new items, never checked.
    for new in &dust[5..] {
        assert!(!new.key.starts_with("sc25_dust:"), "{}", new.key);
        assert_eq!(new.state, ItemState::NotChecked);
    }
    assert!(!items.iter().any(|i| i.key == "sc25_dust:1"));

    // A check on version 2 counts for the same items again.
    s.check(s.dust, &[], datetime!(2026-12-02 09:30 +8)).await;
    let items = service::progress(&pool, &s.w.officer).await.unwrap();
    assert!(items[..7].iter().all(|i| i.state == ItemState::Compliant));
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_report_has_the_period_findings_rectification_and_principal(pool: PgPool) {
    let s = SelfWorld::new(&pool).await;
    let enterprise = s.w.officer.enterprise_id.unwrap();
    testing::set_principal(&pool, enterprise, s.w.officer.id).await;
    let hazards = s.check(s.dust, &[0], datetime!(2026-11-20 09:30 +8)).await;
    s.confirm(hazards[0]).await;
    s.check(s.confined, &[], datetime!(2026-12-01 09:30 +8))
        .await;

    let report = service::report(&pool, &s.w.officer, ("2026-11-01", "2026-11-30"), s.now)
        .await
        .unwrap();
    assert_eq!(report.enterprise, "企业A");
    assert_eq!(report.principal.as_deref(), Some(s.w.officer.name.as_str()));
    assert_eq!(
        (report.from.as_str(), report.to.as_str()),
        ("2026-11-01", "2026-11-30")
    );
    let first = &report.items[0];
    assert_eq!(first.state, ItemState::Rectifying);
    let h = first.hazard.as_ref().unwrap();
    assert_eq!(h.measures.as_deref(), Some("加装泄爆片"));
    assert_eq!(h.rectifier.as_deref(), Some(s.w.other_worker.name.as_str()));
    assert_eq!(h.funds.as_deref(), Some("1200.50"));
    assert_eq!(h.deadline.as_deref(), Some("2026-12-08"));
    assert_eq!(h.closed_at, None);
    // The 有限空间 check of December is outside November.
    assert!(report.items[6..]
        .iter()
        .all(|i| i.state == ItemState::NotChecked));

    // The default period: this year (China time) until today.
    let report = service::report(&pool, &s.w.officer, ("", ""), s.now)
        .await
        .unwrap();
    assert_eq!(
        (report.from.as_str(), report.to.as_str()),
        ("2026-01-01", "2026-12-01")
    );
    assert!(report.items[6..]
        .iter()
        .all(|i| i.state == ItemState::Compliant));
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn nobody_outside_the_enterprise_reads_its_progress_or_report(pool: PgPool) {
    let s = SelfWorld::new(&pool).await;
    s.check(s.dust, &[0], datetime!(2026-12-01 09:30 +8)).await;
    // Enterprise B's officer reads B's own: nothing installed there.
    let theirs = service::progress(&pool, &s.w.foreign).await.unwrap();
    assert!(theirs.is_empty());
    let report = service::report(&pool, &s.w.foreign, ("", ""), s.now)
        .await
        .unwrap();
    assert_eq!(report.enterprise, "企业B");
    assert!(report.items.is_empty());
    // A worker of A, and regulators (this township's and another's), read neither.
    for who in [&s.w.worker, &s.regulator, &s.far_regulator] {
        assert_eq!(
            service::progress(&pool, who).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            service::report(&pool, who, ("", ""), s.now).await,
            Err(AppError::Forbidden)
        );
    }
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn items_apply_by_the_ledgers_focus_risks_and_by_hand_and_only_they_count(pool: PgPool) {
    use crate::patrols::selfcheck::{cleared_of_applicable, ApplicabilityForm};
    let s = SelfWorld::new(&pool).await;
    let officer = &s.w.officer;
    let enterprise = officer.enterprise_id.unwrap();
    let set_risks = |risks: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query("update enterprises set focus_risks = $2::text[] where id = $1")
                .bind(enterprise)
                .bind(risks)
                .execute(&pool)
                .await
                .unwrap();
        }
    };
    s.check(s.dust, &[], datetime!(2026-12-01 09:30 +8)).await;
    // Dust and confined spaces in the ledger: all ten apply; six cleared.
    let items = service::progress(&pool, officer).await.unwrap();
    assert_eq!(cleared_of_applicable(&items), (6, 10));
    // Without 有限空间 in the ledger, its four items are 不涉及 and leave the count.
    set_risks("{combustible_dust}").await;
    let items = service::progress(&pool, officer).await.unwrap();
    assert!(items[6..].iter().all(|i| i.state == ItemState::NotApplicable));
    assert!(items[6..].iter().all(|i| i.not_applicable_reason.is_none()));
    assert_eq!(cleared_of_applicable(&items), (6, 6));
    // Without dust either, nothing applies: no answer counts.
    set_risks("{}").await;
    let items = service::progress(&pool, officer).await.unwrap();
    assert_eq!(cleared_of_applicable(&items), (0, 0));

    // Back to both; the officer marks one dust item 不涉及 by hand, with its reason.
    set_risks("{combustible_dust,confined_space}").await;
    let mark = |key: &str, reason: &str, applies: bool| ApplicabilityForm {
        item_key: key.into(),
        reason: reason.into(),
        applies: applies.then(|| "on".into()),
        enterprise: String::new(),
    };
    let client = Uuid::now_v7();
    let form = mark("sc25_confined_space:2", "本企业无此类有限空间", false);
    service::set_applicability(&pool, officer, client, &form).await.unwrap();
    // A retry stores nothing new.
    service::set_applicability(&pool, officer, client, &form).await.unwrap();
    assert_eq!(testing::audit_rows(&pool, "selfcheck.applicability").await, 1);
    let items = service::progress(&pool, officer).await.unwrap();
    let marked = items.iter().find(|i| i.key == "sc25_confined_space:2").unwrap();
    assert_eq!(marked.state, ItemState::NotApplicable);
    assert_eq!(marked.not_applicable_reason.as_deref(), Some("本企业无此类有限空间"));
    assert_eq!(cleared_of_applicable(&items), (6, 9));
    // The regulator's matrix shows it so.
    let m = service::matrix(&pool, &s.regulator, ("", ""), "", s.now).await.unwrap();
    let row = m.rows.iter().find(|r| r.enterprise_id == enterprise).unwrap();
    let col = m.columns.iter().position(|c| c.key == "sc25_confined_space:2").unwrap();
    assert_eq!(row.cells[col], Some(ItemState::NotApplicable));
    // A reason is required; an unknown item or a daily pack's item is refused by its field.
    let refused = |f: ApplicabilityForm| {
        let pool = pool.clone();
        let officer = officer.clone();
        async move { service::set_applicability(&pool, &officer, Uuid::now_v7(), &f).await }
    };
    assert!(matches!(
        refused(mark("sc25_dust:1", " ", false)).await,
        Err(AppError::Invalid { problem: crate::error::Problem::Required, .. })
    ));
    for key in ["sc25_dust:7", "daily_general:1", "x", ""] {
        assert!(
            matches!(
                refused(mark(key, "理由", false)).await,
                Err(AppError::Invalid { field, .. }) if field == crate::patrols::PatrolField::Item
            ),
            "{key}"
        );
    }
    // Taken back: it applies again.
    refused(mark("sc25_confined_space:2", "", true)).await.unwrap();
    let items = service::progress(&pool, officer).await.unwrap();
    assert_eq!(cleared_of_applicable(&items), (6, 10));
    // Workers and another enterprise's officer cannot mark.
    assert_eq!(
        service::set_applicability(&pool, &s.w.worker, Uuid::now_v7(), &form).await,
        Err(AppError::Forbidden)
    );

    // The enterprise's regulator marks an item for it, audited under the enterprise.
    let for_enterprise = |e: String| ApplicabilityForm { enterprise: e, ..form.clone() };
    let by_regulator = for_enterprise(enterprise.to_string());
    let client = Uuid::now_v7();
    service::set_applicability(&pool, &s.regulator, client, &by_regulator).await.unwrap();
    service::set_applicability(&pool, &s.regulator, client, &by_regulator).await.unwrap();
    let filed: (Option<Uuid>, Uuid) = sqlx::query_as(
        "select enterprise_id, actor_id from audit_log where action = 'selfcheck.applicability'
         order by created_at desc, id desc limit 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(filed, (Some(enterprise), s.regulator.id));
    assert_eq!(testing::audit_rows(&pool, "selfcheck.applicability").await, 3);
    let items = service::progress(&pool, officer).await.unwrap();
    assert_eq!(cleared_of_applicable(&items), (6, 9));
    // Another township's regulator never learns the enterprise; no enterprise named is a
    // refusal on that field; the operator marks nothing.
    assert_eq!(
        service::set_applicability(&pool, &s.far_regulator, Uuid::now_v7(), &by_regulator).await,
        Err(AppError::NotFound)
    );
    assert!(matches!(
        service::set_applicability(&pool, &s.regulator, Uuid::now_v7(), &for_enterprise(String::new())).await,
        Err(AppError::Invalid { field, .. }) if field == crate::patrols::PatrolField::Enterprise
    ));
    let operator = testing::user(&pool, enterprise, crate::auth::Role::Operator, "13300000099").await;
    assert_eq!(
        service::set_applicability(&pool, &operator, Uuid::now_v7(), &by_regulator).await,
        Err(AppError::Forbidden)
    );
}
