-- wrk script for the throttle bench: spreads GET /instance (ListInstances) over ACCOUNTS accounts,
-- each its own throttle bucket in Callgate and its own key in nginx's limit_req zone, and counts
-- the answers by status so that admitted calls can be compared with burst + rate x duration.
-- Lenient Callgate reads the account from the SigV4 credential scope without checking the signature.
local accounts = tonumber(os.getenv("ACCOUNTS") or "100")
local first = tonumber(os.getenv("FIRST_ACCOUNT") or "100000000000")
local threads = {}
local counter = 0
statuses = {}

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function init(args)
  counter = thread_id
end

function request()
  counter = counter + 1
  local account = string.format("%012d", first + (counter % accounts))
  return wrk.format("GET", "/instance", {
    ["Authorization"] = "AWS4-HMAC-SHA256 Credential=" .. account
        .. "/20240101/us-east-1/connect/aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
    ["X-Amz-Date"] = "20240101T000000Z",
  })
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + n
    end
  end
  for status, n in pairs(totals) do
    io.write(string.format("STATUS %d %d\n", status, n))
  end
  io.write(string.format("SECONDS %.3f\n", summary.duration / 1e6))
  io.write(string.format("P99_MS %.3f\n", latency:percentile(99) / 1000))
end
