-- A permit to call an ERP backend, shared by every gateway process: at most `cap` calls at
-- once, at most `rate` calls a second, and none while the backend asked everyone to wait (its
-- own 429 and Retry-After). On Redis' own clock.
--
-- KEYS[1]  the backend's rate cell: the theoretical arrival time (TAT) of its next call, in µs
-- KEYS[2]  the backend's calls under way: a sorted set of permit ids, scored by when they lapse (µs)
-- KEYS[3]  the backend's pause: until when (µs) it asked not to be called
-- ARGV[1]  µs per call (1,000,000 / rate)   ARGV[2]  cap (calls at once)
-- ARGV[3]  this permit's id                 ARGV[4]  µs a permit lasts if never given back
--
-- Answers {1, 0} with the permit taken, or {0, ms to wait}.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local interval = tonumber(ARGV[1])
local cap = tonumber(ARGV[2])
local lease = tonumber(ARGV[4])

local pause = tonumber(redis.call('GET', KEYS[3]))
if pause and pause > now then
  return {0, math.ceil((pause - now) / 1000)}
end

redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[2]) >= cap then
  return {0, 20}
end

local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
if tat > now then
  return {0, math.ceil((tat - now) / 1000)}
end

tat = tat + interval
redis.call('SET', KEYS[1], string.format('%.0f', tat), 'PX', math.max(1, math.ceil((tat - now) / 1000)))
redis.call('ZADD', KEYS[2], now + lease, ARGV[3])
redis.call('PEXPIRE', KEYS[2], math.ceil(lease / 1000) + 1000)
return {1, 0}
