-- Publishes job states a member polled to the members watching them; states of jobs nobody watches are dropped.
-- Nothing is stored. KEYS[1] the watched jobs (job -> expiry, ms)
-- ARGV[1] the states channel; ARGV[2] the publishing member's id; then triples of job UUID, list page (0: retrieved
-- on its own) and state. Each message is the member id, the job UUID, the page and the state, one line each.
-- Returns how many states were published.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local published = 0
for i = 3, #ARGV, 3 do
  local score = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[i]))
  if score and score > now then
    redis.call('PUBLISH', ARGV[1], ARGV[2] .. '\n' .. ARGV[i] .. '\n' .. ARGV[i + 1] .. '\n' .. ARGV[i + 2])
    published = published + 1
  end
end
return published
