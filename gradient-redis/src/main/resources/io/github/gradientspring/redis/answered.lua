-- Learns what DigitalOcean answered to a grant, for the whole fleet: counts and times only.
-- KEYS[1] the scope's state hash
-- ARGV[1] the grant's epoch; ARGV[2] 1 when it was the probe; ARGV[3] the HTTP status; ARGV[4] ratelimit-remaining
-- or -1; ARGV[5] ratelimit-reset in ms or 0; ARGV[6] a 429's retry-after in ms or 0; ARGV[7] the longest
-- retry-after believed (ms); ARGV[8] the wake-up channel; ARGV[9] the state hash's time to live (ms)
-- Returns the end of the pause now under way (ms), or 0.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local s = redis.call('HMGET', KEYS[1], 'epoch', 'paused', 'reset')
local epoch = tonumber(s[1]) or 0
local paused = tonumber(s[2]) or 0
local reset = tonumber(s[3]) or 0
-- An answer to a grant of an earlier pause is no news: it may have overtaken the answer that paused.
local fresh = tonumber(ARGV[1]) == epoch
local wake = false
local function pause(untilMs)
  paused = math.max(paused, untilMs)
  epoch = epoch + 1
  redis.call('HSET', KEYS[1], 'paused', paused, 'epoch', epoch, 'probe', 1, 'probeOut', 0, 'remaining', -1)
end
if fresh and ARGV[2] == '1' then
  redis.call('HSET', KEYS[1], 'probe', 0, 'probeOut', 0)
  wake = true
end
local said = tonumber(ARGV[4])
local resetAt = tonumber(ARGV[5])
if fresh and resetAt > 0 then
  reset = math.min(resetAt, now + 3600000)
  redis.call('HSET', KEYS[1], 'reset', reset)
end
if fresh and said >= 0 then
  if said == 0 then
    if reset > now then pause(reset) else pause(now + 5000) end
    wake = false
  else
    redis.call('HSET', KEYS[1], 'remaining', said, 'remainingAt', now)
  end
end
if ARGV[3] == '429' then
  local asked = tonumber(ARGV[6])
  if asked <= 0 then asked = 5000 end
  pause(now + math.min(asked, tonumber(ARGV[7])))
  wake = false
end
redis.call('PEXPIRE', KEYS[1], ARGV[9])
if wake then
  redis.call('PUBLISH', ARGV[8], 'PAUSE_ENDED')
end
if paused > now then return paused end
return 0
