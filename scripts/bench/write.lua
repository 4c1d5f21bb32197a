-- POST /api/v1/time-approvals: BENCH_ENTRIES approved time entries per request on BENCH_PROJECT,
-- each request with a fresh Idempotency-Key and fresh entry ids, entry i worked on day i of 2026
-- (so no employee passes 24 hours a day). Counts answers by status.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
require("pace")

local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local entries = tonumber(os.getenv("BENCH_ENTRIES") or "1")
local project = os.getenv("BENCH_PROJECT")
local run = os.getenv("BENCH_RUN") or tostring(os.time())
local counter = 0
local headers
local days = {}
local first_day = os.time({ year = 2026, month = 1, day = 1, hour = 12 })
for i = 1, math.max(entries, 1) do
  days[i] = os.date("!%Y-%m-%d", first_day + ((i - 1) % 300) * 86400)
end
accepted = 0
other = 0

function init(args)
  headers = pace.headers({ ["Content-Type"] = "application/json", ["Host"] = wrk.headers["Host"] })
end

function request()
  counter = counter + 1
  local prefix = run .. "-" .. id .. "-" .. counter
  local parts = {}
  for i = 1, entries do
    parts[i] = '{"externalId":"TE-' .. prefix .. '-' .. i .. '","version":1,"employeeNumber":"EMP-001",'
      .. '"projectCode":"' .. project .. '","taskCode":"T1","workDate":"' .. days[i] .. '","hours":"7.50",'
      .. '"role":"CONSULTANT","billable":true,"approvedBy":"EMP-007","approvedAt":"2026-11-02T09:00:00Z"}'
  end
  headers["Idempotency-Key"] = "bench-" .. prefix
  return wrk.format("POST", "/api/v1/time-approvals", headers, '{"entries":[' .. table.concat(parts, ",") .. ']}')
end

function response(status, hdrs, body)
  if status == 202 then accepted = accepted + 1 else
    other = other + 1
    if other <= 3 then io.stderr:write("unexpected " .. status .. ": " .. body:sub(1, 300) .. "\n") end
  end
end

delay = pace.delay

function done(summary, latency, requests)
  local a, o = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("accepted")
    o = o + t:get("other")
  end
  io.write(string.format("ACCEPTED %d OTHER %d\n", a, o))
end
