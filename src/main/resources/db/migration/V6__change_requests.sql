-- The request channel (docs/limits.md §7, §8). Plain types and statements only: the same file runs
-- on H2, PostgreSQL and SQLite.

-- Every request: quota increases, callable-country and blocked-prefix changes, number ports.
-- open_key is set while the request is open (PENDING, CASE_OPENED) and null once it is closed, so
-- the unique index admits one open request per account, region, quota or kind, and context.
create table change_request (
    id            varchar(40)   primary key,
    account_id    varchar(12)   not null,
    region        varchar(32)   not null,
    kind          varchar(32)   not null,
    quota_code    varchar(32),
    context_id    varchar(256),
    instance_id   varchar(64),
    desired_value bigint,
    current_value bigint,
    status        varchar(32)   not null,
    reason        varchar(2000),
    case_id       varchar(40),
    requester     varchar(256)  not null,
    created       bigint        not null,
    last_updated  bigint        not null,
    details       varchar(8000) not null,
    open_key      varchar(400)
);
create unique index change_request_open on change_request (open_key);
create index change_request_account on change_request (account_id, id);

-- An instance's outbound dialing rules once a request changed them: its callable countries
-- (rule COUNTRY) and blocked prefixes (rule BLOCKED_PREFIX). An instance without rows has its
-- edition's lists; one with rows has exactly these (a CHANGED row marks lists emptied by a request).
create table instance_dialing_rule (
    instance_id varchar(64) not null,
    rule        varchar(16) not null,
    rule_value  varchar(32) not null,
    primary key (instance_id, rule, rule_value)
);

-- Editions an operator added (PUT /_callgate/editions/{name}), as the JSON they were given, and the
-- operator's choice of the current edition (one row, id 1), which outlives a restart.
create table edition (
    name       varchar(64)    primary key,
    definition varchar(16000) not null
);
create table edition_choice (
    id   integer     primary key,
    name varchar(64) not null
);
