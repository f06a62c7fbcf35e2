-- Photos (照片): what a patrol's failed item, a hazard report and its rectification show.
-- The image itself lies in the object store (local files or S3-compatible storage) under
-- `object_key`; this row says whose it is. Addresses carry `token` (128 random bits), never
-- the row id, and a photo is served only to its enterprise and that enterprise's regulator.
create table photos (
    id uuid primary key,
    enterprise_id uuid not null references enterprises (id),
    token text not null unique,
    object_key text not null unique,
    -- Always image/jpeg today: every upload is re-encoded (which also drops EXIF and GPS).
    content_type text not null check (content_type in ('image/jpeg')),
    byte_size integer not null check (byte_size > 0),
    width integer not null check (width > 0),
    height integer not null check (height > 0),
    -- Of the stored (re-encoded) bytes.
    sha256 text not null check (length(sha256) = 64),
    uploaded_by uuid not null references users (id),
    uploaded_at timestamptz not null default now(),
    -- The phone's id of the upload: a retry finds this row instead of storing a second one.
    client_id uuid not null unique
);
create index photos_enterprise on photos (enterprise_id, uploaded_at);
