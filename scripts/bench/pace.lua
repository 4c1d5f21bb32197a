-- Shared by the wrk scripts: the bearer token, and an optional fixed request rate.
--   BENCH_TOKEN        bearer token sent on every request
--   BENCH_RATE         requests per second for the whole run (all threads together); unset = as fast as possible
--   BENCH_THREADS      the -t given to wrk, to split the rate among its threads
-- With a rate, each wrk thread hands out send times one interval apart (threads/rate seconds) to
-- its connections as they become free, so the run keeps the rate as long as enough connections are
-- free; a slow answer holds up only its own connection. Latency is measured from send to answer.
-- The achieved rate is wrk's request count over the duration; the caller reports it.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local rate = tonumber(os.getenv("BENCH_RATE") or "")
local threads = tonumber(os.getenv("BENCH_THREADS") or "1")
local interval = rate and (threads * 1000 / rate) or nil
local next_at = nil

pace = {}

function pace.headers(extra)
  local h = { ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN") }
  for k, v in pairs(extra or {}) do h[k] = v end
  return h
end

-- wrk calls delay() before each request of a connection, in the thread that runs it.
function pace.delay()
  if not interval then return 0 end
  local t = now_ms()
  if not next_at then next_at = t + math.random() * interval end
  next_at = next_at + interval
  local wait = next_at - t
  if wait < 0 then
    next_at = t -- behind schedule: do not burst to catch up
    return 0
  end
  return math.floor(wait)
end
