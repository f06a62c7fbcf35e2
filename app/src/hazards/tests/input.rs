//! Bad input on the hazard forms, through the same HTTP handler the server mounts: a
//! translated field error (the field named), never a 500, nothing half-saved. (The corpus of
//! `authz_tests` sends every bad value to every field; this checks which error comes back.)

use super::world::World;
use crate::hazards::HazardField;
use crate::{
    authz_tests::call_with,
    error::{AnyField, AppError, Problem},
    testing,
};
use sqlx::PgPool;
use uuid::Uuid;

fn error_of(body: &str) -> AppError {
    serde_json::from_str(body).unwrap_or_else(|_| panic!("not an AppError: {body}"))
}

fn enc(text: &str) -> String {
    urlencoding::encode(text).into_owned()
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn bad_funds_and_texts_are_named_and_nothing_is_saved(pool: PgPool) {
    let w = World::new(&pool).await;
    let id = w.report(&w.reporter).await;
    let confirm = |funds: &str, measures: &str| {
        format!(
            "client_id={}&hazard_id={id}&version=1&form[grade]=general&form[rectifier_id]={}&form[measures]={}&form[funds]={}&form[deadline]=2099-01-01&form[interim_control]=i",
            Uuid::now_v7(),
            w.rectifier.id,
            enc(measures),
            enc(funds)
        )
    };
    let audit = || testing::count(&pool, "select count(*) from audit_log");
    let before = audit().await;
    let long = "字".repeat(10_000);
    let cases: Vec<(String, String, AnyField, Problem)> = vec![
        (
            "abc".into(),
            "m".into(),
            HazardField::Funds.into(),
            Problem::Invalid,
        ),
        (
            "-5".into(),
            "m".into(),
            HazardField::Funds.into(),
            Problem::Invalid,
        ),
        (
            "1e309".into(),
            "m".into(),
            HazardField::Funds.into(),
            Problem::Invalid,
        ),
        (
            "NaN".into(),
            "m".into(),
            HazardField::Funds.into(),
            Problem::Invalid,
        ),
        (
            "😀".into(),
            "m".into(),
            HazardField::Funds.into(),
            Problem::Invalid,
        ),
        (
            "<b>1</b>".into(),
            "m".into(),
            HazardField::Funds.into(),
            Problem::Invalid,
        ),
        (
            long.clone(),
            "m".into(),
            HazardField::Funds.into(),
            Problem::Invalid,
        ),
        (
            String::new(),
            "m".into(),
            HazardField::Funds.into(),
            Problem::Required,
        ),
        (
            "5".into(),
            String::new(),
            HazardField::Measures.into(),
            Problem::Required,
        ),
        (
            "5".into(),
            long.clone(),
            HazardField::Measures.into(),
            Problem::TooLong { max: 2000 },
        ),
        (
            "5".into(),
            "a\u{0}b".into(),
            HazardField::Measures.into(),
            Problem::Invalid,
        ),
    ];
    for (funds, measures, field, problem) in cases {
        let shown: String = funds.chars().take(10).collect();
        let (status, body) = call_with(
            &pool,
            "v1/hazards/confirm",
            Some(&w.officer),
            confirm(&funds, &measures),
        )
        .await;
        assert_eq!(status, 422, "{shown:?}: {body}");
        assert_eq!(
            error_of(&body),
            AppError::invalid(field, problem),
            "{shown:?}"
        );
    }
    assert_eq!(audit().await, before);
    assert_eq!(w.version(id).await, 1);

    // A report: 10,000 characters is too long; emoji and HTML are kept as typed.
    let report = |description: &str| {
        format!(
            "client_id={}&form[location]=A&form[description]={}&form[category]=fire",
            Uuid::now_v7(),
            enc(description)
        )
    };
    let (status, body) =
        call_with(&pool, "v1/hazards/report", Some(&w.reporter), report(&long)).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        error_of(&body),
        AppError::invalid(HazardField::Description, Problem::TooLong { max: 2000 })
    );
    let (status, body) = call_with(
        &pool,
        "v1/hazards/report",
        Some(&w.reporter),
        "client_id=abc&form[location]=A&form[description]=d&form[category]=fire".into(),
    )
    .await;
    assert_eq!((status, error_of(&body)), (400, AppError::Malformed));
    // The category has no default: left unchosen (the form's 请选择) or absent, it is refused
    // with the field named, and nothing is saved.
    for missing in ["&form[category]=", "&form[category]=%20", ""] {
        let body = format!(
            "client_id={}&form[location]=A&form[description]=d{missing}",
            Uuid::now_v7()
        );
        let (status, body) = call_with(&pool, "v1/hazards/report", Some(&w.reporter), body).await;
        assert_eq!(status, 422, "{missing:?}: {body}");
        assert_eq!(
            error_of(&body),
            AppError::invalid(HazardField::Category, Problem::Required)
        );
    }
    let text = crate::shell::error_text_in(
        crate::i18n::Locale::zh_CN,
        &AppError::invalid(HazardField::Category, Problem::Required),
    );
    assert!(text.contains("类别"), "{text}");
    assert_eq!(
        testing::count(&pool, "select count(*) from hazards").await,
        1
    );
    // The hazard reported before keeps its category.
    let kept: String = sqlx::query_scalar("select category from hazards where id = $1")
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(kept, "dust_explosion");
    let html = "<script>alert(1)</script>🚧";
    let (status, body) =
        call_with(&pool, "v1/hazards/report", Some(&w.reporter), report(html)).await;
    assert_eq!(status, 200, "{body}");
    let stored: String = sqlx::query_scalar("select description from hazards order by id desc")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored, html);
    assert_eq!(
        testing::count(&pool, "select count(*) from hazards").await,
        2
    );
}

/// A deadline lies from today to two years on (`input::deadline`): 9999-12-31 and a day past
/// two years are refused with the deadline named, never a 500, nothing saved; a 重大 hazard's
/// report to the regulator is not dated after today. The last day allowed goes through.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_deadline_beyond_two_years_is_refused_with_the_field_named(pool: PgPool) {
    let w = World::new(&pool).await;
    let id = w.report(&w.reporter).await;
    let confirm = |deadline: &str, grade: &str, extra: &str| {
        format!(
            "client_id={}&hazard_id={id}&version=1&form[grade]={grade}&form[rectifier_id]={}&form[measures]=m&form[funds]=5&form[deadline]={deadline}&form[interim_control]=i{extra}",
            Uuid::now_v7(),
            w.rectifier.id,
        )
    };
    // The HTTP route acts at the wall clock, not the world's.
    let today = crate::time_fmt::china_day(time::OffsetDateTime::now_utc());
    let latest = crate::input::years_from(today, 2);
    let audit = || testing::count(&pool, "select count(*) from audit_log");
    let before = audit().await;
    let plan = "&form[plan_goal]=g&form[plan_methods]=m&form[plan_funds]=f&form[plan_organisation]=o&form[plan_schedule]=s&form[plan_safety]=p";
    let tomorrow = (today + time::Duration::days(1)).to_string();
    let cases = [
        (
            confirm("9999-12-31", "general", ""),
            AppError::invalid(HazardField::Deadline, Problem::Invalid),
        ),
        (
            confirm(
                &(latest + time::Duration::days(1)).to_string(),
                "general",
                "",
            ),
            AppError::invalid(HazardField::Deadline, Problem::NotAfter { latest }),
        ),
        (
            confirm(
                &latest.to_string(),
                "major",
                &format!("{plan}&form[reported_on]={tomorrow}"),
            ),
            AppError::invalid(HazardField::ReportedOn, Problem::NotAfter { latest: today }),
        ),
    ];
    for (body, expected) in cases {
        let (status, text) = call_with(&pool, "v1/hazards/confirm", Some(&w.officer), body).await;
        assert_eq!(status, 422, "{text}");
        assert_eq!(error_of(&text), expected);
    }
    assert_eq!(audit().await, before);
    assert_eq!(w.version(id).await, 1);
    // The message names the field and the last day allowed.
    let text = crate::shell::error_text_in(
        crate::i18n::Locale::en,
        &AppError::invalid(HazardField::Deadline, Problem::NotAfter { latest }),
    );
    assert!(text.contains(&latest.to_string()), "{text}");
    let (status, text) = call_with(
        &pool,
        "v1/hazards/confirm",
        Some(&w.officer),
        confirm(&latest.to_string(), "general", ""),
    )
    .await;
    assert_eq!(status, 200, "{text}");
}
