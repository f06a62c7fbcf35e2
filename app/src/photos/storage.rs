//! Where photo files lie: an `object_store` (server only). Local files under the data folder
//! by default; S3-compatible storage (MinIO, Aliyun OSS, Tencent COS) when `ANXUN_PHOTOS_S3_*`
//! is set and the server was built with the `s3` feature (README, "Running for real").
//!
//! Only the server's own keys (`photos/<enterprise>/<photo id>.jpg`) are ever used, never a
//! name from a request.

use crate::error::AppError;
use object_store::{path::Path, GetOptions, ObjectStore, PutOptions, PutPayload};
use std::sync::Arc;

/// The object store holding the photos, shared by every request (the server's state; handlers take it through `PhotoState`).
#[derive(Clone, Debug)]
pub struct PhotoStore {
    inner: Arc<dyn ObjectStore>,
}

/// The data folder when `ANXUN_DATA_DIR` is not set, relative to the working directory.
pub const DEFAULT_DATA_DIR: &str = "./data";

impl PhotoStore {
    pub fn new(inner: Arc<dyn ObjectStore>) -> Self {
        PhotoStore { inner }
    }

    /// Files under `dir` (made if missing): photos go to `<dir>/photos/…`.
    pub fn local(dir: impl AsRef<std::path::Path>) -> Result<Self, String> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create the data folder {}: {e}", dir.display()))?;
        let fs = object_store::local::LocalFileSystem::new_with_prefix(dir)
            .map_err(|e| format!("data folder {}: {e}", dir.display()))?;
        Ok(PhotoStore::new(Arc::new(fs)))
    }

    /// Kept in memory: for tests whose photos need not outlive them.
    pub fn in_memory() -> Self {
        PhotoStore::new(Arc::new(object_store::memory::InMemory::new()))
    }

    /// From the environment: S3-compatible storage when `ANXUN_PHOTOS_S3_BUCKET` is set, else
    /// local files under `ANXUN_DATA_DIR` (default `./data`). A configuration that cannot work
    /// stops the start instead of failing the first upload.
    pub fn from_env() -> Result<Self, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        if let Some(bucket) = var("ANXUN_PHOTOS_S3_BUCKET") {
            return s3_from_env(&bucket, var);
        }
        let dir = var("ANXUN_DATA_DIR").unwrap_or_else(|| DEFAULT_DATA_DIR.to_owned());
        PhotoStore::local(dir)
    }

    /// Stores `bytes` under `key`, replacing what was there (keys are never reused).
    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), AppError> {
        let location = Path::from(key);
        // `put_opts`, not the extension trait's `put`: its future is `Send`, as axum needs.
        self.inner
            .put_opts(&location, PutPayload::from(bytes), PutOptions::default())
            .await
            .map_err(|err| {
                tracing::error!(error = %err, key, "photo not stored");
                AppError::Internal
            })?;
        Ok(())
    }

    /// The bytes under `key`. A missing file (lost storage) is logged and answers 404.
    pub async fn get(&self, key: &str) -> Result<Vec<u8>, AppError> {
        let location = Path::from(key);
        let read = async {
            self.inner
                .get_opts(&location, GetOptions::default())
                .await?
                .bytes()
                .await
        };
        match read.await {
            Ok(bytes) => Ok(bytes.to_vec()),
            Err(object_store::Error::NotFound { .. }) => {
                tracing::error!(key, "photo row without its file");
                Err(AppError::NotFound)
            }
            Err(err) => {
                tracing::error!(error = %err, key, "photo not read");
                Err(AppError::Internal)
            }
        }
    }
}

/// A file of the store: its key and when it was written (Unix seconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub key: String,
    pub written_at: i64,
}

impl PhotoStore {
    /// Every file under `prefix` (a folder: `photos`), in batches of at most `batch`, each
    /// handed to `each` as it is listed (a bucket of millions is never held in memory at once).
    pub async fn list_in_batches<F, Fut>(
        &self,
        prefix: &str,
        batch: usize,
        mut each: F,
    ) -> Result<(), AppError>
    where
        F: FnMut(Vec<StoredFile>) -> Fut,
        Fut: std::future::Future<Output = Result<(), AppError>>,
    {
        use futures::StreamExt;
        let mut listing = self.inner.list(Some(&Path::from(prefix)));
        let mut files = Vec::with_capacity(batch);
        while let Some(meta) = listing.next().await {
            let meta = meta.map_err(|err| {
                tracing::error!(error = %err, prefix, "photo files not listed");
                AppError::Internal
            })?;
            files.push(StoredFile {
                key: meta.location.to_string(),
                written_at: meta.last_modified.timestamp(),
            });
            if files.len() >= batch {
                each(std::mem::take(&mut files)).await?;
            }
        }
        if !files.is_empty() {
            each(files).await?;
        }
        Ok(())
    }

    /// Deletes the files under `keys` (a missing one is no error).
    pub async fn delete(&self, keys: Vec<String>) -> Result<(), AppError> {
        use futures::StreamExt;
        let paths = futures::stream::iter(keys.into_iter().map(|k| Ok(Path::from(k)))).boxed();
        let mut deleted = self.inner.delete_stream(paths);
        while let Some(result) = deleted.next().await {
            match result {
                Ok(_) | Err(object_store::Error::NotFound { .. }) => {}
                Err(err) => {
                    tracing::error!(error = %err, "photo file not deleted");
                    return Err(AppError::Internal);
                }
            }
        }
        Ok(())
    }
}

/// `ANXUN_PHOTOS_S3_ENDPOINT` (e.g. `http://127.0.0.1:9000` for MinIO,
/// `https://oss-cn-hangzhou.aliyuncs.com`, `https://cos.ap-guangzhou.myqcloud.com`),
/// `_BUCKET`, `_REGION` (default `us-east-1`, which MinIO accepts), `_KEY`, `_SECRET`, and
/// `_VIRTUAL_HOSTED=1` for services that want `bucket.host` addresses (OSS, COS).
#[cfg(feature = "s3")]
fn s3_from_env(bucket: &str, var: impl Fn(&str) -> Option<String>) -> Result<PhotoStore, String> {
    let required = |name: &str| var(name).ok_or_else(|| format!("{name} is not set"));
    let endpoint = required("ANXUN_PHOTOS_S3_ENDPOINT")?;
    let s3 = object_store::aws::AmazonS3Builder::new()
        .with_allow_http(endpoint.starts_with("http://"))
        .with_endpoint(endpoint)
        .with_bucket_name(bucket)
        .with_region(var("ANXUN_PHOTOS_S3_REGION").unwrap_or_else(|| "us-east-1".into()))
        .with_access_key_id(required("ANXUN_PHOTOS_S3_KEY")?)
        .with_secret_access_key(required("ANXUN_PHOTOS_S3_SECRET")?)
        .with_virtual_hosted_style_request(
            var("ANXUN_PHOTOS_S3_VIRTUAL_HOSTED").as_deref() == Some("1"),
        )
        .build()
        .map_err(|e| format!("ANXUN_PHOTOS_S3_*: {e}"))?;
    Ok(PhotoStore::new(Arc::new(s3)))
}

#[cfg(not(feature = "s3"))]
fn s3_from_env(_: &str, _: impl Fn(&str) -> Option<String>) -> Result<PhotoStore, String> {
    Err(
        "ANXUN_PHOTOS_S3_BUCKET is set, but this server was built without S3 support \
         (build it with `--features s3`; README, \"Running for real\")"
            .into(),
    )
}

/// The key of a photo: one folder per enterprise, so a bucket can be listed, copied or
/// cleaned per enterprise.
pub fn key_of(enterprise_id: uuid::Uuid, photo_id: uuid::Uuid) -> String {
    format!("photos/{enterprise_id}/{photo_id}.jpg")
}
