-- Calls (docs/limits.md §4, §5). Plain SQL that SQLite and PostgreSQL both accept.

-- Every call is a contact, kept after it ends so that DescribeContact can tell how it ended.
create table contact (
    id                varchar(64)  primary key,
    instance_id       varchar(64)  not null,
    initiation_method varchar(16)  not null,
    customer_number   varchar(64),
    system_number     varchar(64),
    initiated_at      bigint       not null,
    connected_at      bigint,
    disconnected_at   bigint,
    disconnect_reason varchar(40)
);
create index contact_by_instance on contact (instance_id, id);

-- A call in progress holds one unit of its instance's CONCURRENT_CALLS quota through a lease: the
-- node that carries the call renews it; when it runs out (the node died), any node's sweeper
-- deletes it and gives the unit back in one transaction. Deleting the row is the release: it
-- succeeds once, so a unit is given back exactly once whichever path ends the call.
create table call_lease (
    contact_id  varchar(64)  primary key,
    instance_id varchar(64)  not null,
    node_id     varchar(64)  not null,
    expires_at  bigint       not null
);
create index call_lease_expiry on call_lease (expires_at);
create index call_lease_node on call_lease (node_id);
