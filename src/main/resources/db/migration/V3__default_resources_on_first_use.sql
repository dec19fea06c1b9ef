-- An instance's default resources are written on the first call that reads or changes the resources
-- inside it, not by CreateInstance (their quota usage is counted from creation on). Instances created
-- before this migration already have theirs.
alter table instance add column defaults_stored boolean not null default true;
