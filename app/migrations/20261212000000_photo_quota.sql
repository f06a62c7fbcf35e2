-- Photo storage per enterprise (issue 20, item 9): the most the enterprise's stored photos
-- may weigh, an enterprise setting its admin changes under /admin/enterprise. No row: the
-- default (photos::DEFAULT_QUOTA_MIB, with its basis). An upload over it is refused, named.
create table photo_policies (
    enterprise_id uuid primary key references enterprises (id),
    quota_mib integer not null check (quota_mib between 1 and 1048576),
    updated_at timestamptz not null default now()
);

-- What the quota check sums on every upload: the enterprise's stored bytes, from the index.
create index photos_enterprise_bytes on photos (enterprise_id) include (byte_size);
