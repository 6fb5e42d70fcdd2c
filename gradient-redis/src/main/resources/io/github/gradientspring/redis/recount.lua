-- Counts again the requests one member sent in the last hour, once it is back from a time without Redis: those it
-- sent alone meanwhile, and earlier ones a Redis that restarted empty has lost. Each holds its slot for what is left
-- of its window; a slot a window holds already (same id) keeps its score (ZADD NX).
-- KEYS[1] the minute window, KEYS[2] the hour window (sorted sets: grant id -> when its slot frees, ms)
-- ARGV pairs: a slot id, then how long ago its request was sent (ms)
-- Returns the slots added to the hour's window.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local added = 0
for i = 1, #ARGV, 2 do
  local sentAt = now - tonumber(ARGV[i + 1])
  -- A slot comes back a second after its window ends, as acquire.lua counts it.
  if sentAt + 61000 > now then
    redis.call('ZADD', KEYS[1], 'NX', sentAt + 61000, ARGV[i])
  end
  if sentAt + 3601000 > now then
    added = added + redis.call('ZADD', KEYS[2], 'NX', sentAt + 3601000, ARGV[i])
  end
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('PEXPIRE', KEYS[1], 62000)
end
if redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('PEXPIRE', KEYS[2], 3602000)
end
return added
