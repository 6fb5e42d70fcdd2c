-- One member's heartbeat in a scope: it announces itself, registers the jobs it watches, renews the leases it holds
-- and takes those nobody holds. A lease is a key holding its holder's member id, with a time to live.
-- KEYS[1] the members (sorted set: member id -> expiry, ms); KEYS[2] the watched jobs (job -> expiry, ms);
-- KEYS[3] the minute window; KEYS[4] the hour window; KEYS[5..] the lease of each job in ARGV[4..]
-- ARGV[1] the member id; ARGV[2] how long a member counts without a heartbeat (ms); ARGV[3] the lease time (ms);
-- ARGV[4..] the jobs
-- Returns {members, slots taken in the minute, in the hour, then the positions (1-based) of the jobs held}.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local memberTtl = tonumber(ARGV[2])
local leaseTime = tonumber(ARGV[3])
redis.call('ZADD', KEYS[1], now + memberTtl, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('PEXPIRE', KEYS[1], memberTtl * 2)
local result = {redis.call('ZCARD', KEYS[1])}
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
result[2] = redis.call('ZCARD', KEYS[3])
result[3] = redis.call('ZCARD', KEYS[4])
local expiry = now + leaseTime
for i = 4, #ARGV do
  local job = ARGV[i]
  local score = tonumber(redis.call('ZSCORE', KEYS[2], job)) or 0
  if score < expiry then
    redis.call('ZADD', KEYS[2], expiry, job)
  end
  local lease = KEYS[i + 1]
  local holder = redis.call('GET', lease)
  if holder == ARGV[1] then
    redis.call('PEXPIRE', lease, leaseTime)
    result[#result + 1] = i - 3
  elseif not holder then
    redis.call('SET', lease, ARGV[1], 'PX', leaseTime)
    result[#result + 1] = i - 3
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('PEXPIRE', KEYS[2], leaseTime * 2)
end
return result
