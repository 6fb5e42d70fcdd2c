-- Takes a slot of a scope's shared budget, or says when to ask again: atomically for the whole fleet.
-- KEYS[1] the minute window, KEYS[2] the hour window (sorted sets: grant id -> when its slot frees, ms)
-- KEYS[3] what DigitalOcean said (hash: paused, epoch, probe, probeOut, remaining, remainingAt, reset)
-- ARGV[1] 1 for a poll, 0 for a call; ARGV[2] minute limit; ARGV[3] hour limit; ARGV[4], ARGV[5] the slots of
-- each window that polls leave to calls; ARGV[6] the grant id; ARGV[7] how long a probe may stay out (ms);
-- ARGV[8] the state hash's time to live (ms)
-- Returns {granted, epoch, probe, retryAt, pausedUntil, remaining in minute, remaining in hour}; times in ms of
-- the Redis server's clock, 0 when none, -1 for a retry that only a wake-up can tell.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local inMinute = redis.call('ZCARD', KEYS[1])
local inHour = redis.call('ZCARD', KEYS[2])
local minuteLimit = tonumber(ARGV[2])
local hourLimit = tonumber(ARGV[3])
local s = redis.call('HMGET', KEYS[3], 'paused', 'epoch', 'probe', 'probeOut', 'remaining', 'remainingAt', 'reset')
local paused = tonumber(s[1]) or 0
local epoch = tonumber(s[2]) or 0
local probe = s[3] == '1'
local probeOut = tonumber(s[4]) or 0
local remaining = tonumber(s[5]) or -1
local remainingAt = tonumber(s[6]) or 0
local reset = tonumber(s[7]) or 0
local probeTimeout = tonumber(ARGV[7])
-- Everything DigitalOcean allowed is spent and no answer came to say more: pause until its reset, as in-process.
if remaining == 0 and now >= paused and now - remainingAt >= probeTimeout then
  if reset > now then paused = reset else paused = now + 5000 end
  epoch = epoch + 1
  probe = true
  probeOut = 0
  remaining = -1
  redis.call('HSET', KEYS[3], 'paused', paused, 'epoch', epoch, 'probe', 1, 'probeOut', 0, 'remaining', -1)
  redis.call('PEXPIRE', KEYS[3], ARGV[8])
end
local left = {minuteLimit - inMinute, hourLimit - inHour}
if now < paused then
  return {0, epoch, 0, paused, paused, left[1], left[2]}
end
if probe and probeOut > now then
  return {0, epoch, 0, probeOut, 0, left[1], left[2]}
end
if remaining == 0 then
  return {0, epoch, 0, now + 1000, 0, left[1], left[2]}
end
local minuteReserve = 0
local hourReserve = 0
if ARGV[1] == '1' then
  minuteReserve = tonumber(ARGV[4])
  hourReserve = tonumber(ARGV[5])
end
local minuteFull = inMinute + minuteReserve >= minuteLimit
local hourFull = inHour + hourReserve >= hourLimit
if minuteFull or hourFull then
  local retry = now + 1000
  if minuteFull then
    local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
    if oldest[2] then retry = math.max(retry, tonumber(oldest[2])) end
  end
  if hourFull then
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    if oldest[2] then retry = math.max(retry, tonumber(oldest[2])) end
  end
  return {0, epoch, 0, retry, 0, left[1], left[2]}
end
-- A slot comes back a second after its window ends: late, never early, as in-process.
redis.call('ZADD', KEYS[1], now + 61000, ARGV[6])
redis.call('ZADD', KEYS[2], now + 3601000, ARGV[6])
redis.call('PEXPIRE', KEYS[1], 62000)
redis.call('PEXPIRE', KEYS[2], 3602000)
local isProbe = 0
if probe then
  redis.call('HSET', KEYS[3], 'probeOut', now + probeTimeout)
  isProbe = 1
end
if remaining > 0 then
  redis.call('HINCRBY', KEYS[3], 'remaining', -1)
end
if redis.call('EXISTS', KEYS[3]) == 1 then
  redis.call('PEXPIRE', KEYS[3], ARGV[8])
end
return {1, epoch, isProbe, 0, 0, left[1] - 1, left[2] - 1}
