-- An instance's quota rows and default resources are written on its first use (the first call on
-- the resources or quotas inside it), not by CreateInstance. Instances created before this
-- migration have theirs.
alter table instance add column opened boolean not null default true;
