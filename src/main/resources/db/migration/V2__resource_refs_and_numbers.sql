-- References between the resources of one instance (a user's routing profile, a routing profile's
-- queues, a quick connect's queue, a hierarchy group's parent...). "In use" is a query on the target
-- side; a routing profile's queue entries are its rows with relation 'queue:<CHANNEL>'.
create table resource_ref (
    instance_id varchar(64)  not null,
    from_kind   varchar(40)  not null,
    from_id     varchar(64)  not null,
    relation    varchar(40)  not null,
    to_kind     varchar(40)  not null,
    to_id       varchar(64)  not null,
    detail      text,
    primary key (instance_id, from_kind, from_id, relation, to_kind, to_id)
);
create index resource_ref_target on resource_ref (instance_id, to_kind, to_id);

-- Every phone number ever claimed, by any instance. A released number keeps its row, so the
-- inventory never offers it again.
create table phone_number_taken (
    phone_number varchar(20)  primary key,
    id           varchar(64)  not null,
    instance_id  varchar(64)  not null,
    client_token varchar(128),
    released     boolean      not null
);
create unique index phone_number_taken_id on phone_number_taken (id);

-- Routing profiles of instances created before this migration get their "queues per routing
-- profile" ledger row (they had no queue entries yet), with their instance's applied value.
insert into quota_usage (scope, quota, used, quota_limit)
select r.instance_id || '/ROUTING_PROFILE/' || r.id, 'QUEUES_PER_ROUTING_PROFILE', 0, q.quota_limit
from resource r
join quota_usage q on q.scope = r.instance_id and q.quota = 'QUEUES_PER_ROUTING_PROFILE'
where r.kind = 'ROUTING_PROFILE';
