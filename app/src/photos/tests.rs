//! Photo uploads and reads against the real database: what is accepted and how it is
//! stored, what is refused (never a 500), retries, and who may read a photo.

use super::{db, process, service, storage, Photo, PhotoStore, MAX_STORED_SIDE, MAX_UPLOAD_BYTES};
use crate::{
    auth::{Role, SessionUser},
    error::{AppError, Field, Problem},
    testing::{self, Orgs},
};
use image::{codecs::jpeg::JpegEncoder, ImageFormat, RgbImage};
use sqlx::PgPool;
use std::io::Cursor;
use uuid::Uuid;

/// A gradient, so the JPEG is not trivially small.
fn picture(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    })
}

pub(crate) fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&picture(width, height))
        .unwrap();
    out
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    picture(width, height)
        .write_to(&mut out, ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

/// A JPEG with an APP1 Exif segment made by hand: Orientation 6 (turn 90° clockwise) and a
/// GPS position (N 39° 54' 12.34"), as a phone writes them.
fn jpeg_with_gps(width: u32, height: u32) -> Vec<u8> {
    let mut tiff: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    // IFD0 at 8: two entries, then the next-IFD offset; the GPS IFD follows at 38.
    tiff.extend([0, 2]);
    tiff.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]); // Orientation = 6
    tiff.extend([0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]); // GPS IFD pointer
    tiff.extend([0, 0, 0, 0]);
    // GPS IFD at 38: latitude ref "N" and latitude (three rationals at 68).
    tiff.extend([0, 2]);
    tiff.extend([0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    tiff.extend([0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 68]);
    tiff.extend([0, 0, 0, 0]);
    for (num, den) in [(39u32, 1u32), (54, 1), (1234, 100)] {
        tiff.extend(num.to_be_bytes());
        tiff.extend(den.to_be_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(&tiff);
    let plain = jpeg(width, height);
    let mut out = plain[..2].to_vec(); // SOI
    out.extend([0xFF, 0xE1]);
    out.extend(u16::try_from(app1.len() + 2).unwrap().to_be_bytes());
    out.extend(&app1);
    out.extend(&plain[2..]);
    out
}

/// A real JPEG whose frame header claims `width` × `height` (a decompression bomb: a few KB
/// that would decode to gigabytes).
fn jpeg_claiming(width: u16, height: u16) -> Vec<u8> {
    let mut bytes = jpeg(16, 16);
    let sof = bytes
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a baseline frame header");
    // FFC0, length (2), precision (1), height (2), width (2).
    bytes[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    bytes
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

pub(super) struct World {
    pub(super) pool: PgPool,
    pub(super) photos: PhotoStore,
    pub(super) orgs: Orgs,
    pub(super) worker: SessionUser,
}

impl World {
    pub(super) async fn new(pool: &PgPool) -> World {
        let orgs = testing::orgs(pool).await;
        let worker = testing::user(pool, orgs.a, Role::Worker, "13300000001").await;
        World {
            pool: pool.clone(),
            photos: PhotoStore::in_memory(),
            orgs,
            worker,
        }
    }

    pub(super) async fn upload(
        &self,
        who: &SessionUser,
        client_id: Uuid,
        bytes: &[u8],
    ) -> Result<Photo, AppError> {
        service::store_in(&self.pool, &self.photos, who, client_id, bytes).await
    }

    async fn stored(&self, photo: &Photo) -> Vec<u8> {
        service::open(&self.pool, &self.photos, &self.worker, &photo.token)
            .await
            .unwrap()
            .1
    }
}

pub(super) fn refused_as(result: Result<Photo, AppError>, problem: Problem) {
    assert_eq!(result, Err(AppError::invalid(Field::Photo, problem)));
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_jpeg_and_a_png_are_accepted_shrunk_and_stored_as_jpeg(pool: PgPool) {
    let w = World::new(&pool).await;
    let big = w
        .upload(&w.worker, Uuid::now_v7(), &jpeg(2400, 1200))
        .await
        .unwrap();
    assert_eq!((big.width, big.height), (MAX_STORED_SIDE, 800));
    assert_eq!(big.url, format!("/photos/{}", big.token));
    assert!(!big.url.contains(&big.id.to_string()));
    let stored = w.stored(&big).await;
    assert_eq!(image::guess_format(&stored).unwrap(), ImageFormat::Jpeg);
    assert_eq!(stored.len(), big.bytes as usize);

    let small = w
        .upload(&w.worker, Uuid::now_v7(), &png(300, 200))
        .await
        .unwrap();
    assert_eq!((small.width, small.height), (300, 200));
    let stored = w.stored(&small).await;
    assert_eq!(image::guess_format(&stored).unwrap(), ImageFormat::Jpeg);
    let row = db::get(&pool, w.orgs.a, small.id).await.unwrap();
    assert_eq!(row.content_type, "image/jpeg");
    assert_eq!(row.sha256.len(), 64);
    assert_eq!(row.uploaded_by, w.worker.id);
    assert_eq!(testing::audit_rows(&pool, "photo.upload").await, 2);
}

#[test]
fn webp_is_accepted_too() {
    let mut out = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(picture(64, 48))
        .write_to(&mut out, ImageFormat::WebP)
        .unwrap();
    let normalized = process::normalize(out.get_ref()).unwrap();
    assert_eq!((normalized.width, normalized.height), (64, 48));
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn gps_and_every_other_exif_are_stripped_and_the_photo_is_turned_upright(pool: PgPool) {
    let w = World::new(&pool).await;
    let original = jpeg_with_gps(40, 20);
    // The test file does carry what must go (and the decoder reads its orientation).
    assert!(contains(&original, b"Exif\0\0MM"));
    let photo = w
        .upload(&w.worker, Uuid::now_v7(), &original)
        .await
        .unwrap();
    // Orientation 6: a landscape sensor image of a portrait scene.
    assert_eq!((photo.width, photo.height), (20, 40));
    let stored = w.stored(&photo).await;
    assert!(!contains(&stored, b"Exif"), "EXIF left in the stored photo");
    assert!(!contains(&stored, &[0xFF, 0xE1]), "an APP1 segment left");
    assert!(
        !contains(&stored, &1234u32.to_be_bytes()),
        "the GPS seconds left"
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn what_is_no_image_is_refused_by_its_content_and_nothing_is_saved(pool: PgPool) {
    let w = World::new(&pool).await;
    let upload = |bytes: Vec<u8>| {
        let w = &w;
        async move { w.upload(&w.worker, Uuid::now_v7(), &bytes).await }
    };
    // Empty; a text file (whatever it is called); an HTML page; JPEG magic and then garbage.
    refused_as(upload(Vec::new()).await, Problem::Required);
    refused_as(
        upload(b"this is not a photo.jpg\n".to_vec()).await,
        Problem::NotAnImage,
    );
    refused_as(
        upload(b"<html><script>alert(1)</script>".to_vec()).await,
        Problem::NotAnImage,
    );
    let mut garbage = vec![0xFF, 0xD8, 0xFF, 0xE0];
    garbage.extend((0..5000u32).map(|i| (i * 7919 % 251) as u8));
    refused_as(upload(garbage).await, Problem::NotAnImage);
    // A GIF decodes, but is not among what phones send.
    refused_as(
        upload(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec()).await,
        Problem::NotAnImage,
    );
    assert_eq!(
        testing::count(&pool, "select count(*) from photos").await,
        0
    );
    assert_eq!(testing::audit_rows(&pool, "photo.upload").await, 0);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn oversized_files_and_huge_dimensions_are_refused_before_decoding(pool: PgPool) {
    let w = World::new(&pool).await;
    let mut oversized = jpeg(64, 64);
    oversized.resize(MAX_UPLOAD_BYTES + 1, 0);
    refused_as(
        w.upload(&w.worker, Uuid::now_v7(), &oversized).await,
        Problem::FileTooLarge { max_mib: 10 },
    );
    let too_large = Problem::ImageTooLarge {
        max_px: 10_000,
        max_megapixels: 50,
    };
    // 60,000 × 60,000 claimed by a 1 KB file: over the side limit.
    let bomb = jpeg_claiming(60_000, 60_000);
    assert!(bomb.len() < 2048);
    refused_as(w.upload(&w.worker, Uuid::now_v7(), &bomb).await, too_large);
    // 9,000 × 9,000: each side allowed, too many pixels in all.
    refused_as(
        w.upload(&w.worker, Uuid::now_v7(), &jpeg_claiming(9_000, 9_000))
            .await,
        too_large,
    );
    assert_eq!(
        testing::count(&pool, "select count(*) from photos").await,
        0
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_retried_upload_returns_the_same_photo_and_another_file_is_refused(pool: PgPool) {
    let w = World::new(&pool).await;
    let client_id = Uuid::now_v7();
    let file = jpeg(120, 80);
    let first = w.upload(&w.worker, client_id, &file).await.unwrap();
    let again = w.upload(&w.worker, client_id, &file).await.unwrap();
    assert_eq!(first, again);
    assert_eq!(
        testing::count(&pool, "select count(*) from photos").await,
        1
    );
    assert_eq!(testing::audit_rows(&pool, "photo.upload").await, 1);
    // The same id with another file, or by another person: refused, nothing stored.
    let other = w.upload(&w.worker, client_id, &jpeg(121, 80)).await;
    assert_eq!(other, Err(AppError::ClientIdReused));
    let officer = testing::user(&pool, w.orgs.a, Role::SafetyOfficer, "13300000002").await;
    assert_eq!(
        w.upload(&officer, client_id, &file).await,
        Err(AppError::ClientIdReused)
    );
    assert_eq!(
        testing::count(&pool, "select count(*) from photos").await,
        1
    );
    assert_eq!(testing::audit_rows(&pool, "photo.upload").await, 1);
    // Client ids are unique per enterprise: another enterprise stores its own photo under it.
    let foreign = testing::user(&pool, w.orgs.b, Role::Worker, "13300000003").await;
    let theirs = w.upload(&foreign, client_id, &file).await.unwrap();
    assert_ne!(theirs.id, first.id);
    assert_eq!(
        testing::count(&pool, "select count(*) from photos").await,
        2
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn every_enterprise_role_uploads_and_regulators_do_not(pool: PgPool) {
    let w = World::new(&pool).await;
    for (i, role) in [
        Role::Worker,
        Role::SafetyOfficer,
        Role::Trainer,
        Role::EnterpriseAdmin,
    ]
    .into_iter()
    .enumerate()
    {
        let who = testing::user(&pool, w.orgs.a, role, &format!("1340000010{i}")).await;
        assert!(
            w.upload(&who, Uuid::now_v7(), &jpeg(20, 20)).await.is_ok(),
            "{role:?}"
        );
    }
    let regulator = testing::user(&pool, w.orgs.township, Role::Regulator, "13400000109").await;
    assert_eq!(
        w.upload(&regulator, Uuid::now_v7(), &jpeg(20, 20)).await,
        Err(AppError::Forbidden)
    );
}

/// A photo uploaded ahead of its form belongs to nothing yet: its uploader alone sees it (the
/// form's preview); what it will belong to decides the rest (hazards' and patrols' tests).
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_photo_not_yet_linked_is_read_by_its_uploader_only(pool: PgPool) {
    let w = World::new(&pool).await;
    let photo = w
        .upload(&w.worker, Uuid::now_v7(), &jpeg(50, 50))
        .await
        .unwrap();
    let open = |who: SessionUser, token: String| {
        let w = &w;
        async move {
            service::open(&w.pool, &w.photos, &who, &token)
                .await
                .map(|(_, b)| b)
        }
    };
    let officer = testing::user(&pool, w.orgs.a, Role::SafetyOfficer, "13500000011").await;
    let other = testing::user(&pool, w.orgs.b, Role::EnterpriseAdmin, "13500000012").await;
    let regulator = testing::user(&pool, w.orgs.township, Role::Regulator, "13500000013").await;
    let elsewhere =
        testing::user(&pool, w.orgs.other_township, Role::Regulator, "13500000014").await;
    let token = photo.token.clone();
    assert!(open(w.worker.clone(), token.clone()).await.is_ok());
    // A colleague, even an officer; another enterprise; the regulators: as if unknown.
    for who in [officer, other, regulator, elsewhere] {
        assert_eq!(
            open(who.clone(), token.clone()).await,
            Err(AppError::NotFound),
            "{:?}",
            who.role
        );
    }
    for bad in [
        "unknowntoken2345678901234",
        "",
        "../../etc/passwd",
        &photo.id.to_string(),
    ] {
        assert_eq!(
            open(w.worker.clone(), bad.into()).await,
            Err(AppError::NotFound),
            "{bad}"
        );
    }
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn local_storage_keeps_the_file_under_the_data_folder(pool: PgPool) {
    let dir = std::env::temp_dir().join(format!("anxun-photos-{}", Uuid::now_v7()));
    let mut w = World::new(&pool).await;
    w.photos = PhotoStore::local(&dir).unwrap();
    let photo = w
        .upload(&w.worker, Uuid::now_v7(), &jpeg(64, 32))
        .await
        .unwrap();
    let path = dir.join(storage::key_of(w.orgs.a, photo.id));
    let on_disk = std::fs::read(&path).expect("the file under the data folder");
    assert_eq!(w.stored(&photo).await, on_disk);
    let row = db::get(&pool, w.orgs.a, photo.id).await.unwrap();
    use sha2::Digest;
    let digest = hex::encode(sha2::Sha256::digest(&on_disk));
    assert_eq!(row.sha256, digest);
    // A second store on the same folder (a restart) reads it back.
    let reopened = PhotoStore::local(&dir).unwrap();
    assert_eq!(reopened.get(&row.object_key).await.unwrap(), on_disk);
    std::fs::remove_dir_all(&dir).unwrap();
}
