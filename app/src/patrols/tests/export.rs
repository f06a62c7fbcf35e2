//! The patrol records' XLSX export through its axum route: the file read back cell by cell,
//! the user's language, officers only, another enterprise's officer gets none of the rows, and
//! bad dates are a translated 4xx.

use super::World;
use crate::{
    auth::{server::RequestUser, SessionUser},
    i18n::Locale,
    patrols::{export, records},
    photos::PhotoStore,
    state::AppState,
    time_fmt::china_day,
};
use axum::{body::Body, http::Request, Router};
use sqlx::PgPool;
use std::io::Read;
use time::OffsetDateTime;
use tower::ServiceExt;
use uuid::Uuid;

fn router(pool: &PgPool) -> Router {
    let options = leptos::config::LeptosOptions::builder()
        .output_name("anxun")
        .build();
    let state = AppState::new(options, pool.clone(), PhotoStore::in_memory());
    crate::state::feature_routes().with_state(state)
}

struct Answer {
    status: u16,
    content_type: String,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

async fn get(router: &Router, who: &SessionUser, query: &str, language: &str) -> Answer {
    let mut req = Request::get(format!("{}{query}", export::PATH))
        .header("accept-language", language)
        .body(Body::empty())
        .unwrap();
    req.extensions_mut().insert(RequestUser(Some(who.clone())));
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let content_type = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec();
    Answer {
        status,
        content_type,
        body,
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The first sheet's cells, row by row (blank cells as ""), from the file's XML: enough for
/// the strings this export writes (all shared strings).
pub fn read_xlsx(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let (strings, sheet) = (
        part("xl/sharedStrings.xml"),
        part("xl/worksheets/sheet1.xml"),
    );
    let shared: Vec<String> = strings
        .split("<si>")
        .skip(1)
        .map(|si| {
            let t = si.split_once("<t").unwrap().1;
            let t = &t[t.find('>').unwrap() + 1..];
            unescape(&t[..t.find("</t>").unwrap()])
        })
        .collect();
    sheet
        .split("<row ")
        .skip(1)
        .map(|row| {
            let row = &row[..row.find("</row>").unwrap()];
            let mut cells = Vec::new();
            for c in row.split("<c ").skip(1) {
                let reference = c.split_once("r=\"").unwrap().1;
                let column = reference
                    .chars()
                    .take_while(|ch| ch.is_ascii_uppercase())
                    .fold(0usize, |n, ch| n * 26 + (ch as usize - 'A' as usize + 1));
                let value = c
                    .split_once("<v>")
                    .map(|(_, v)| &v[..v.find("</v>").unwrap()])
                    .unwrap_or("");
                cells.resize(column - 1, String::new());
                cells.push(shared[value.parse::<usize>().unwrap()].clone());
            }
            cells
        })
        .collect()
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_file_has_one_row_per_answered_item_in_the_users_language(pool: PgPool) {
    let w = World::new(&pool).await;
    let router = router(&pool);
    let record = w.start().await;
    let mut answers = w.answers(record, &[3]).await;
    answers[3].note = "门锁<坏>了 & 漏电".into();
    let now = OffsetDateTime::now_utc();
    records::submit(&pool, &w.worker, Uuid::now_v7(), record, &answers, now)
        .await
        .unwrap();
    // A record started but not submitted has no answers: not in the file.
    w.start().await;
    let (_, checklist) = records::form(&pool, &w.worker, record).await.unwrap();
    let hazard: String = sqlx::query_scalar("select number from hazards")
        .fetch_one(&pool)
        .await
        .unwrap();
    let today = china_day(now);
    let query = format!("?from={today}&to={today}");

    let res = get(&router, &w.officer, &query, "en-US,en;q=0.9").await;
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(
        res.content_type,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let rows = read_xlsx(&res.body);
    assert_eq!(rows[0], export::headers(Locale::en));
    assert_eq!(rows[0][0], "Submitted (China time)");
    assert_eq!(rows.len(), 1 + checklist.items.len());
    let when = crate::time_fmt::local_minutes(now);
    let version = format!("{} v{}", checklist.name, checklist.version);
    for (row, item) in rows[1..].iter().zip(&checklist.items) {
        assert_eq!(row[0], when);
        assert_eq!(row[1], w.point.name);
        assert_eq!(row[2], version);
        assert_eq!(row[3], w.worker.name);
        assert_eq!(row[4], "QR code");
        assert_eq!(row[5], item.text);
    }
    let failed = &rows[4];
    assert_eq!(
        failed[6..],
        ["Fail", "No", "门锁<坏>了 & 漏电", hazard.as_str()]
    );
    assert_eq!(rows[1][6..8], ["Pass", "Yes"]);
    assert!(rows[1].len() < 9 || rows[1][8..].iter().all(String::is_empty));

    // Without a language choice: Chinese headers and words; the default range has today.
    let res = get(&router, &w.officer, "", "").await;
    let rows = read_xlsx(&res.body);
    assert_eq!(rows[0][0], "提交时间（北京时间）");
    assert_eq!(
        rows[4][4..8],
        ["扫码", checklist.items[3].text.as_str(), "不合格", "否"]
    );
    // A range that ended yesterday: headers only.
    let yesterday = today.previous_day().unwrap();
    let res = get(&router, &w.officer, &format!("?to={yesterday}"), "").await;
    assert_eq!(read_xlsx(&res.body).len(), 1);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn officers_only_and_each_enterprise_its_own_rows(pool: PgPool) {
    let w = World::new(&pool).await;
    let router = router(&pool);
    let record = w.start().await;
    let answers = w.answers(record, &[0]).await;
    let now = OffsetDateTime::now_utc();
    records::submit(&pool, &w.worker, Uuid::now_v7(), record, &answers, now)
        .await
        .unwrap();
    // Another enterprise's officer: a file of their own enterprise, which has no records.
    let res = get(&router, &w.foreign, "", "en").await;
    assert_eq!(res.status, 200);
    let rows = read_xlsx(&res.body);
    assert_eq!(rows.len(), 1, "{rows:?}");
    // A worker (even the patroller) may not export; nobody signed in neither.
    let res = get(&router, &w.worker, "", "en").await;
    assert_eq!(
        (res.status, res.text().as_str()),
        (403, "You are not allowed to do this")
    );
    let req = Request::get(export::PATH).body(Body::empty()).unwrap();
    let mut req = req;
    req.extensions_mut().insert(RequestUser(None));
    let res = router.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status().as_u16(), 401);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn bad_dates_are_a_translated_4xx(pool: PgPool) {
    let w = World::new(&pool).await;
    let router = router(&pool);
    let long = "9".repeat(10_000);
    let cases = [
        ("?from=abc", "From date is not valid", "起始日期格式不正确"),
        (
            "?from=2026-02-30",
            "From date is not valid",
            "起始日期格式不正确",
        ),
        ("?to=1e309", "To date is not valid", "截止日期格式不正确"),
        (
            "?to=%F0%9F%98%80",
            "To date is not valid",
            "截止日期格式不正确",
        ),
        (
            "?from=%3Cb%3E2026-01-01%3C%2Fb%3E",
            "From date is not valid",
            "起始日期格式不正确",
        ),
        (
            "?from=2026-03-01&to=2026-02-01",
            "From date is not valid",
            "起始日期格式不正确",
        ),
        (
            "?from=2024-01-01&to=2025-01-01",
            "To date is later than the longest period allowed",
            "截止日期超出允许的最长期限",
        ),
        (
            "?from=2026-01-01&from=2026-01-02",
            "The submission could not be read; reload the page and try again",
            "提交的内容无法识别，请刷新页面后重试",
        ),
    ];
    for (query, en, zh) in cases {
        // A field's problem is a 422, a form that cannot be read a 400.
        let status = if query.contains("from=2026-01-02") {
            400
        } else {
            422
        };
        let res = get(&router, &w.officer, query, "en").await;
        assert_eq!((res.status, res.text().as_str()), (status, en), "{query}");
        assert!(res.content_type.starts_with("text/plain"), "{query}");
        let res = get(&router, &w.officer, query, "zh-CN").await;
        assert_eq!((res.status, res.text().as_str()), (status, zh), "{query}");
    }
    let res = get(&router, &w.officer, &format!("?from={long}"), "en").await;
    assert_eq!(res.status, 422);
}
