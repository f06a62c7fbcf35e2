//! What a handler that takes a photo needs of the server's state: the database and the object
//! store. An extractor, so that a feature's routes work with any router state holding both
//! (`FromRef`), never naming the server's own state type.

use super::PhotoStore;
use axum::{
    extract::{FromRef, FromRequestParts},
    http::request::Parts,
};
use sqlx::PgPool;

#[derive(Clone)]
pub struct PhotoState {
    pub pool: PgPool,
    pub photos: PhotoStore,
}

impl<S> FromRequestParts<S> for PhotoState
where
    S: Send + Sync,
    PgPool: FromRef<S>,
    PhotoStore: FromRef<S>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(_: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Ok(PhotoState {
            pool: PgPool::from_ref(state),
            photos: PhotoStore::from_ref(state),
        })
    }
}
