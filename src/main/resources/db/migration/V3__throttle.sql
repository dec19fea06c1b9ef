-- The API throttle (limits.md §6). Plain SQL that H2 (in PostgreSQL mode) and PostgreSQL both accept.

-- The operator's per-account overrides, by operation ('*' is the general group).
create table throttle_override (
    account_id varchar(12)  not null,
    operation  varchar(128) not null,
    rate       bigint       not null,
    burst      bigint       not null,
    primary key (account_id, operation)
);

-- Bumped with every change to an account's overrides, and never lowered: a bucket configured at an
-- older revision takes the new rate at its next call, on every node.
create table throttle_revision (
    account_id varchar(12) primary key,
    revision   bigint      not null
);

-- On PostgreSQL, the token buckets every node shares: one row per (account, region, operation), id
-- "account/region/operation", state Bucket4j's serialized bucket (select-for-update ProxyManager).
-- H2 is one node: its buckets stay in memory and this table stays empty.
create table throttle_bucket (
    id    varchar(200) primary key,
    state bytea
);
