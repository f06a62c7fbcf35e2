//! What an upload may cost (issue 20, item 9): the pixel cap read from the header, the
//! enterprise's storage quota, and the sweep of files without a row. The decode gate has its
//! own tests (`gate`), the streamed form limits theirs (patrols' and `http_tests`).

use super::{
    db, quota, storage, sweep,
    tests::{jpeg, refused_as, World},
    PhotoStore,
};
use crate::{
    auth::Role,
    error::{AppError, Field, Problem},
    i18n::Locale,
    testing,
};
use sqlx::PgPool;
use std::time::{Duration, Instant};
use time::OffsetDateTime;
use uuid::Uuid;

/// Bits packed as deflate packs them: values least significant bit first, Huffman codes most
/// significant bit first.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u8,
    n: u8,
}

impl Bits {
    fn bit(&mut self, b: u32) {
        self.acc |= ((b & 1) as u8) << self.n;
        self.n += 1;
        if self.n == 8 {
            self.out.push(self.acc);
            (self.acc, self.n) = (0, 0);
        }
    }
    fn value(&mut self, v: u32, len: u32) {
        (0..len).for_each(|i| self.bit(v >> i));
    }
    fn code(&mut self, c: u32, len: u32) {
        (0..len).rev().for_each(|i| self.bit(c >> i));
    }
    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc);
        }
        self.out
    }
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend(u32::try_from(data.len()).unwrap().to_be_bytes());
    let mut typed = kind.to_vec();
    typed.extend(data);
    png.extend(&typed);
    png.extend(crc32(&typed).to_be_bytes());
}

/// A valid PNG of `width` × `height` black pixels at one bit each, its zlib stream written by
/// hand (fixed Huffman codes: one literal 0, then copies of 258 bytes at distance 1): 60
/// megapixels in about 50 KB, as an attacker would send them.
fn black_png(width: u32, height: u32) -> Vec<u8> {
    let raw = (1 + width.div_ceil(8) as usize) * height as usize;
    let mut bits = Bits::default();
    bits.value(1, 1); // the last block
    bits.value(1, 2); // fixed Huffman codes
    bits.code(0b0011_0000, 8); // literal 0
    let mut left = raw - 1;
    while left >= 258 {
        bits.code(0b1100_0101, 8); // length 258 (code 285)
        bits.code(0, 5); // distance 1
        left -= 258;
    }
    (0..left).for_each(|_| bits.code(0b0011_0000, 8));
    bits.code(0, 7); // end of block
    let mut zlib = vec![0x78, 0x01];
    zlib.extend(bits.finish());
    let adler = (((raw % 65_521) as u32) << 16) | 1; // of `raw` zero bytes
    zlib.extend(adler.to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = width.to_be_bytes().to_vec();
    header.extend(height.to_be_bytes());
    header.extend([1, 0, 0, 0, 0]); // 1 bit, greyscale, deflate, no filter, no interlace
    chunk(&mut png, b"IHDR", &header);
    chunk(&mut png, b"IDAT", &zlib);
    chunk(&mut png, b"IEND", &[]);
    png
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_tiny_png_of_60_megapixels_is_refused_at_once_as_too_large(pool: PgPool) {
    let w = World::new(&pool).await;
    // The hand-made PNG is a real image: a small one is taken.
    let small = w
        .upload(&w.worker, Uuid::now_v7(), &black_png(120, 80))
        .await;
    assert_eq!(small.map(|p| (p.width, p.height)), Ok((120, 80)));
    // 10,000 × 6,000: each side allowed, 60 megapixels in all, in a file of some 50 KB.
    let bomb = black_png(10_000, 6_000);
    assert!(bomb.len() < 64 * 1024, "{} bytes", bomb.len());
    let started = Instant::now();
    let refused = w.upload(&w.worker, Uuid::now_v7(), &bomb).await;
    let took = started.elapsed();
    refused_as(
        refused,
        Problem::ImageTooLarge {
            max_px: 10_000,
            max_megapixels: 50,
        },
    );
    // From its header, before any pixel is decoded (and before waiting for a decoder).
    assert!(took < Duration::from_secs(3), "{took:?}");
    assert_eq!(
        testing::count(&pool, "select count(*) from photos").await,
        1
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_upload_over_the_enterprises_quota_is_refused_with_its_reason(pool: PgPool) {
    let w = World::new(&pool).await;
    let admin = testing::user(&pool, w.orgs.a, Role::EnterpriseAdmin, "13300000031").await;
    let foreign_admin = testing::user(&pool, w.orgs.b, Role::EnterpriseAdmin, "13300000032").await;
    // Unset: the default, shown as such.
    let view = quota::current(&pool, &foreign_admin).await.unwrap();
    assert_eq!(
        (view.quota_mib, view.set, view.used_mib),
        (10_240, false, 0)
    );
    // The admin sets 1 MB; a photo that weighs it all fills it.
    quota::set(&pool, &admin, Uuid::now_v7(), 1).await.unwrap();
    let first = w
        .upload(&w.worker, Uuid::now_v7(), &jpeg(64, 48))
        .await
        .unwrap();
    sqlx::query("update photos set byte_size = 1048576 where id = $1")
        .bind(first.id)
        .execute(&pool)
        .await
        .unwrap();
    let full = w.upload(&w.worker, Uuid::now_v7(), &jpeg(64, 48)).await;
    let expected = AppError::invalid(Field::Photo, Problem::StorageFull { quota_mib: 1 });
    assert_eq!(full, Err(expected.clone()));
    assert_eq!(full.unwrap_err().status(), 422);
    let zh = crate::shell::error_text_in(Locale::zh_CN, &expected);
    assert!(
        zh.contains("照片存储空间已满") && zh.contains("1 MB"),
        "{zh}"
    );
    let en = crate::shell::error_text_in(Locale::en, &expected);
    assert!(en.contains("storage is full"), "{en}");
    assert_eq!(testing::audit_rows(&pool, "photo.upload").await, 1);
    // Another enterprise is not held by it.
    let foreign = testing::user(&pool, w.orgs.b, Role::Worker, "13300000033").await;
    assert!(w
        .upload(&foreign, Uuid::now_v7(), &jpeg(8, 8))
        .await
        .is_ok());
    // Raised again, uploads go on; the admin sees what is used.
    quota::set(&pool, &admin, Uuid::now_v7(), 2).await.unwrap();
    assert!(w
        .upload(&w.worker, Uuid::now_v7(), &jpeg(8, 8))
        .await
        .is_ok());
    let view = quota::current(&pool, &admin).await.unwrap();
    assert_eq!((view.quota_mib, view.set, view.used_mib), (2, true, 2));
    // Only the admin reads or sets it.
    assert_eq!(
        quota::current(&pool, &w.worker).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        quota::set(&pool, &w.worker, Uuid::now_v7(), 100).await,
        Err(AppError::Forbidden)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_sweep_deletes_old_files_without_a_row_and_keeps_the_rest(pool: PgPool) {
    let mut w = World::new(&pool).await;
    let dir = std::env::temp_dir().join(format!("anxun-sweep-{}", Uuid::now_v7()));
    w.photos = PhotoStore::local(&dir).unwrap();
    let kept = w
        .upload(&w.worker, Uuid::now_v7(), &jpeg(32, 32))
        .await
        .unwrap();
    let kept_key = db::get(&pool, w.orgs.a, kept.id).await.unwrap().object_key;
    // A file whose upload never got its row (the step refused, the server stopped).
    let orphan = storage::key_of(w.orgs.a, Uuid::now_v7());
    w.photos.put(&orphan, jpeg(8, 8)).await.unwrap();
    // Another file of the folder, not a photo: not the sweep's.
    std::fs::write(dir.join("notes.txt"), "kept").unwrap();
    // Just written, it may be an upload in flight: nothing goes.
    let now = OffsetDateTime::now_utc();
    assert_eq!(sweep::sweep(&pool, &w.photos, now).await, Ok(0));
    assert!(w.photos.get(&orphan).await.is_ok());
    // Older than `MIN_AGE`: the file without a row goes, the photo with its row stays.
    let later = now + sweep::MIN_AGE + time::Duration::minutes(1);
    assert_eq!(sweep::sweep(&pool, &w.photos, later).await, Ok(1));
    assert_eq!(w.photos.get(&orphan).await, Err(AppError::NotFound));
    assert!(w.photos.get(&kept_key).await.is_ok());
    assert!(dir.join("notes.txt").exists());
    assert_eq!(sweep::sweep(&pool, &w.photos, later).await, Ok(0));
    std::fs::remove_dir_all(&dir).unwrap();
}
