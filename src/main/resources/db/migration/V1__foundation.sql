-- One schema for H2 (in PostgreSQL mode) and PostgreSQL.

create table account (
    account_id     varchar(12) primary key,
    billing_entity varchar(8)  not null
);

create table instance (
    id                       varchar(64)  primary key,
    account_id               varchar(12)  not null,
    region                   varchar(32)  not null,
    alias                    varchar(64),
    identity_management_type varchar(32)  not null,
    directory_id             varchar(128),
    inbound_calls            boolean      not null,
    outbound_calls           boolean      not null,
    edition                  varchar(64)  not null,
    created_at               bigint       not null,
    client_token             varchar(128),
    tags                     text         not null
);
-- An alias is unique across all regions (limits.md §2).
create unique index instance_alias on instance (alias);
create unique index instance_client_token on instance (account_id, region, client_token);
create index instance_by_account on instance (account_id, region, id);

-- Every resource inside an instance; kind says which family; body is its Connect wire description.
create table resource (
    instance_id varchar(64)  not null,
    kind        varchar(40)  not null,
    id          varchar(64)  not null,
    name        varchar(256),
    body        text         not null,
    modified_at bigint       not null,
    primary key (instance_id, kind, id)
);
create unique index resource_name on resource (instance_id, kind, name);

-- The quota ledger: one row per (scope, quota) with its applied value and the usage it counts.
-- A charge is a conditional update (used < quota_limit) in the same transaction as the insert it pays for.
create table quota_usage (
    scope       varchar(128) not null,
    quota       varchar(40)  not null,
    used        bigint       not null,
    quota_limit bigint       not null,
    primary key (scope, quota)
);
