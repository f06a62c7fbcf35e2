//! The roster on a real database: a county-sized file with bad rows, GBK and a BOM, an XLSX
//! with a merged title and a formula cell, the import all-or-nothing and idempotent, and the
//! export that imports unchanged.

use super::{service, ApplyForm, RowOutcome};
use crate::{
    county::{tests::code, tests::county, CountyField},
    error::{AnyField, AppError, Problem},
    testing,
};
use sqlx::PgPool;
use uuid::Uuid;

const HEADER: &str = "统一社会信用代码,企业名称,所属乡镇（街道、园区）,行业,重点监管,重大危险源,管理员姓名,管理员手机号";

fn line(code: &str, name: &str, township: &str, admin: Option<u32>) -> String {
    let admin = admin.map_or(",".to_owned(), |n| format!("管理员{n},1380001{n:04}"));
    format!("{code},{name},{township},机械,有限空间、可燃性粉尘,否,{admin}")
}

fn apply_form() -> ApplyForm {
    ApplyForm {
        admin_password: "first-pass-1".into(),
    }
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_county_roster_imports_its_good_rows_names_the_bad_and_a_second_import_changes_nothing(
    pool: PgPool,
) {
    let c = county(&pool).await;
    let mut lines = vec!["某县工贸企业名录（2022年）,,,,,,,".to_owned(), HEADER.to_owned()];
    for i in 0..2_980u32 {
        let township = if i % 2 == 0 { "范庄镇" } else { "沙河店镇" };
        // The first ten list their admin.
        lines.push(line(&code(1_000 + i), &format!("企业{i}号"), township, (i < 10).then_some(i)));
    }
    // Twenty bad rows, each with the field it must be named by.
    let mut bad: Vec<(String, AnyField, Problem)> = Vec::new();
    for i in 0..5u32 {
        bad.push((line(&code(1_000 + i), "重复", "范庄镇", None), CountyField::CreditCode.into(), Problem::DuplicateInFile));
        let good = code(9_000 + i);
        let wrong = if good.ends_with('0') { '1' } else { '0' };
        let wrong_code = format!("{}{wrong}", &good[..17]);
        bad.push((line(&wrong_code, "校验码错", "范庄镇", None), CountyField::CreditCode.into(), Problem::CheckCharacter));
        bad.push((line(&code(9_100 + i), "不明乡镇", "月球镇", None), CountyField::Township.into(), Problem::Unknown));
        bad.push((line(&code(9_200 + i), "", "沙河店镇", None), CountyField::EnterpriseName.into(), Problem::Required));
    }
    for (text, _, _) in &bad {
        lines.push(text.clone());
    }
    let text = lines.join("\r\n");
    // As Excel writes it on Chinese Windows.
    let (gbk, _, lossy) = encoding_rs::GBK.encode(&text);
    assert!(!lossy);

    let op = &c.operator;
    let upload = service::upload(&pool, op, Uuid::now_v7(), "名录.csv", &gbk).await.unwrap();
    let preview = service::preview(&pool, op, upload).await.unwrap();
    assert_eq!(preview.rows.len(), 3_000);
    assert_eq!(preview.counts(), [2_980, 0, 0, 20]);
    for (row, (_, field, problem)) in preview.rows[2_980..].iter().zip(&bad) {
        assert_eq!(
            row.outcome,
            RowOutcome::Error { field: *field, problem: *problem },
            "line {}",
            row.line
        );
    }
    // Lines count from the file's first (a title, then the header).
    assert_eq!(preview.rows[0].line, 3);
    // The dry run changed nothing.
    assert_eq!(testing::count(&pool, "select count(*) from enterprises").await, 2);

    // Without the admins' first password, nothing is imported.
    assert!(matches!(
        service::apply(&pool, op, Uuid::now_v7(), upload, &ApplyForm::default()).await,
        Err(AppError::Invalid { problem: Problem::Required, .. })
    ));
    assert_eq!(testing::count(&pool, "select count(*) from enterprises").await, 2);
    let client = Uuid::now_v7();
    let applied = service::apply(&pool, op, client, upload, &apply_form()).await.unwrap();
    assert_eq!((applied.created, applied.changed), (2_980, 0));
    assert_eq!(testing::count(&pool, "select count(*) from enterprises").await, 2_982);
    assert_eq!(
        testing::count(&pool, "select count(*) from users where role = 'enterprise_admin' and must_change_password").await,
        12
    );
    // A retry answers the same; the file is not applied twice.
    assert_eq!(service::apply(&pool, op, client, upload, &apply_form()).await, Ok(applied));
    assert!(service::apply(&pool, op, Uuid::now_v7(), upload, &apply_form()).await.is_err());
    // The township regulator sees its half.
    let theirs = crate::county::service::ledger(&pool, &c.fanzhuang_regulator, None).await.unwrap();
    assert_eq!(theirs.len(), 1_490 + 1);

    // The same file again: nothing changes.
    let again = service::upload(&pool, op, Uuid::now_v7(), "名录.csv", &gbk).await.unwrap();
    let preview = service::preview(&pool, op, again).await.unwrap();
    assert_eq!(preview.counts(), [0, 0, 2_980, 20]);
    let applied = service::apply(&pool, op, Uuid::now_v7(), again, &apply_form()).await.unwrap();
    assert_eq!((applied.created, applied.changed), (0, 0));
    assert_eq!(testing::count(&pool, "select count(*) from enterprises").await, 2_982);
    assert_eq!(testing::audit_rows(&pool, "county.roster_import").await, 2);

    // Another uploader's file is not theirs to read.
    assert_eq!(
        service::preview(&pool, &c.county_regulator, upload).await.map(|p| p.id),
        Err(AppError::NotFound)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_xlsx_with_a_merged_title_and_a_formula_and_a_csv_with_a_bom_read_as_typed(
    pool: PgPool,
) {
    use rust_xlsxwriter::{Format, Formula, Workbook};
    let c = county(&pool).await;
    let op = &c.operator;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.merge_range(0, 0, 0, 3, "赵县工贸企业名录", &Format::new()).unwrap();
    for (col, h) in ["统一社会信用代码", "企业名称", "所属乡镇（街道、园区）", "标准化评定日期"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, col as u16, *h).unwrap();
    }
    ws.write_string(2, 0, code(50)).unwrap();
    ws.write_formula(2, 1, Formula::new(r#"="范庄"&"五金厂""#).set_result("范庄五金厂"))
        .unwrap();
    ws.write_string(2, 2, "范庄镇").unwrap();
    ws.write_string(2, 3, "").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let upload = service::upload(&pool, op, Uuid::now_v7(), "名录.xlsx", &bytes).await.unwrap();
    let preview = service::preview(&pool, op, upload).await.unwrap();
    assert_eq!(preview.counts(), [1, 0, 0, 0]);
    assert_eq!(preview.rows[0].name, "范庄五金厂");
    assert_eq!(preview.rows[0].line, 3);

    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(format!("{HEADER}\n{}", line(&code(51), "带BOM", "沙河店镇", None)).as_bytes());
    let upload = service::upload(&pool, op, Uuid::now_v7(), "bom.csv", &bom).await.unwrap();
    let preview = service::preview(&pool, op, upload).await.unwrap();
    assert_eq!(preview.counts(), [1, 0, 0, 0]);
    // No admin listed: no password needed.
    let applied = service::apply(&pool, op, Uuid::now_v7(), upload, &ApplyForm::default()).await.unwrap();
    assert_eq!(applied.created, 1);
    // A file that is no roster is refused with the field.
    assert_eq!(
        service::upload(&pool, op, Uuid::now_v7(), "x.csv", b"hello").await,
        Err(AppError::invalid(CountyField::RosterFile, Problem::Invalid))
    );
    // Enterprise people cannot upload.
    let admin = testing::user(&pool, c.e1, crate::actor::Role::EnterpriseAdmin, "13500000050").await;
    assert_eq!(
        service::upload(&pool, &admin, Uuid::now_v7(), "x.csv", &bom).await,
        Err(AppError::Forbidden)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_export_imports_unchanged_and_writes_formula_like_text_as_text(pool: PgPool) {
    use calamine::{Data, Reader, Xlsx};
    let c = county(&pool).await;
    let op = &c.operator;
    // An entry whose name and address look like formulas.
    let csv = format!(
        "统一社会信用代码,企业名称,所属乡镇,地址,标准化等级,标准化评定日期,主要负责人,联系电话\n{},=SUM(1+1),范庄镇,@地址,二级,2021/6/3,+张三,13700009999\n",
        code(60)
    );
    let upload = service::upload(&pool, op, Uuid::now_v7(), "a.csv", csv.as_bytes()).await.unwrap();
    let preview = service::preview(&pool, op, upload).await.unwrap();
    assert_eq!(preview.counts(), [1, 0, 0, 0], "{:?}", preview.rows);
    service::apply(&pool, op, Uuid::now_v7(), upload, &ApplyForm::default()).await.unwrap();
    let bytes = super::export::workbook(&pool, op, "").await.unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let cells: Vec<&Data> = range.rows().flat_map(|r| r.iter()).collect();
    assert!(cells.contains(&&Data::String("=SUM(1+1)".into())));
    assert!(cells.contains(&&Data::String("@地址".into())));
    let sheet = book.sheet_names()[0].clone();
    let formulas = book.worksheet_formula(&sheet).unwrap();
    assert!(formulas.used_cells().next().is_none(), "no cell of the export is a formula");
    // The round trip: the exported file imports unchanged, the three enterprises and all.
    let again = service::upload(&pool, op, Uuid::now_v7(), "export.xlsx", &bytes).await.unwrap();
    let preview = service::preview(&pool, op, again).await.unwrap();
    assert_eq!(preview.counts(), [0, 0, 3, 0], "{:?}", preview.rows);
    // A township regulator's export holds its own township only.
    let theirs = super::export::workbook(&pool, &c.shahe_regulator, "").await.unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(theirs)).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(range.rows().count(), 2, "the header and 企业2");
    assert_eq!(
        super::export::workbook(&pool, &c.shahe_regulator, &c.fanzhuang.to_string()).await,
        Err(AppError::NotFound)
    );
    // Enterprise people have no part in the ledger's export.
    let admin = testing::user(&pool, c.e1, crate::actor::Role::EnterpriseAdmin, "13500000060").await;
    assert_eq!(
        super::export::workbook(&pool, &admin, "").await,
        Err(AppError::Forbidden)
    );
}
