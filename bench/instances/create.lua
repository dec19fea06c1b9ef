-- wrk script: CreateInstance (PUT /instance) with a different 12-digit account key on every request,
-- so the 5-instances-per-account quota never refuses one, and a matching unique InstanceAlias (Connect's
-- aliases are unique across accounts and regions): this measures creation throughput.
-- Account id = PREFIX (1 digit, env CG_ACCOUNT_PREFIX) .. wrk thread number (2 digits) .. counter (9 digits).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local counter = 0
local prefix = tonumber(os.getenv("CG_ACCOUNT_PREFIX") or "1")
wrk.method = "PUT"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Amz-Date"] = "20260101T000000Z"

function request()
  counter = counter + 1
  local account = string.format("%d%02d%09d", prefix, tid or 0, counter)
  wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=" .. account ..
      "/20260101/us-east-1/connect/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc"
  local body = '{"IdentityManagementType":"CONNECT_MANAGED","InstanceAlias":"bench-' .. account ..
      '","InboundCallsEnabled":true,"OutboundCallsEnabled":true}'
  return wrk.format(nil, "/instance", nil, body)
end
