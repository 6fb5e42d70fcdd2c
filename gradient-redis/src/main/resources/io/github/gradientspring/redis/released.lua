-- A grant got no answer (a timeout, a connection error, a cancel): if it was the probe, another may go.
-- KEYS[1] the scope's state hash; ARGV[1] the grant's epoch; ARGV[2] 1 when it was the probe; ARGV[3] the wake-up
-- channel. Returns 1 when a probe was freed.
if ARGV[2] ~= '1' then return 0 end
local epoch = tonumber(redis.call('HGET', KEYS[1], 'epoch')) or 0
if tonumber(ARGV[1]) ~= epoch then return 0 end
redis.call('HSET', KEYS[1], 'probeOut', 0)
redis.call('PUBLISH', ARGV[3], 'SLOT_FREED')
return 1
