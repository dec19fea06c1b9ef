-- Flow modules per instance (L-19755C7E) is a quota that instances opened before it existed lack:
-- they get today's Amazon Connect default, as new instances do from the built-in editions.
insert into quota_usage (scope, quota, used, quota_limit)
select id, 'FLOW_MODULES', 0, 200 from instance where opened;
