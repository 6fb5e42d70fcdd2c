-- A member stopped watching a job: its lease is released if the member holds it, so another watcher takes it.
-- KEYS[1] the job's lease; ARGV[1] the member id. Returns 1 when a lease was released.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
