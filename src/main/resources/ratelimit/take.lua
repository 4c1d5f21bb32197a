-- One request's cost taken from a client's allowance, or refused: the check and the update in
-- one atomic step, on Redis' own clock, so every gateway process counts against the same state.
--
-- KEYS[1]  the client's burst cell under its plan: the theoretical arrival time (TAT) of its next unit, in µs
-- KEYS[2]  the client's daily count: a hash with the UTC day number and the units used on it
-- ARGV[1]  µs per unit (1,000,000 / rate)    ARGV[2]  burst (units)
-- ARGV[3]  cost (units)                      ARGV[4]  daily quota (units)
--
-- Generic cell rate algorithm: a request of cost c is admitted when TAT + c·T − burst·T ≤ now;
-- one costing more than the whole burst only when the bucket is full (TAT ≤ now).
-- Answers {admitted, burst remaining, ms until the burst is whole again, ms to wait when
-- refused, units used today, ms until the day ends, burst refused, day refused}.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local quota = tonumber(ARGV[4])
local tau = burst * interval

local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end

local day = math.floor(now / 86400000000)
local dayEnd = (day + 1) * 86400000000
local stored = redis.call('HMGET', KEYS[2], 'day', 'used')
local used = 0
if tonumber(stored[1]) == day then used = tonumber(stored[2]) or 0 end

local newTat = tat + cost * interval
local burstOk
if cost > burst then burstOk = tat <= now else burstOk = newTat - tau <= now end
local dailyOk = used + cost <= quota

local admitted = 0
if burstOk and dailyOk then
  admitted = 1
  tat = newTat
  used = used + cost
  redis.call('SET', KEYS[1], string.format('%.0f', tat), 'PX', math.max(1, math.ceil((tat - now) / 1000)))
  redis.call('HSET', KEYS[2], 'day', day, 'used', used)
  redis.call('PEXPIREAT', KEYS[2], math.ceil(dayEnd / 1000) + 60000)
end

local remaining = math.max(0, math.floor((now + tau - tat) / interval))
local retry = 0
if not burstOk then
  if cost > burst then retry = tat - now else retry = newTat - tau - now end
end
if not dailyOk then retry = math.max(retry, dayEnd - now) end

return {admitted, remaining, math.ceil((tat - now) / 1000), math.ceil(retry / 1000), used,
        math.ceil((dayEnd - now) / 1000), burstOk and 0 or 1, dailyOk and 0 or 1}
