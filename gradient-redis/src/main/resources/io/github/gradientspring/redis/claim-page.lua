-- A member claims the next listing of a page of the job list: taken when nobody holds the page, renewed when this
-- member does, refused while another member's claim holds.
-- KEYS[1] the page's claim; ARGV[1] the member id; ARGV[2] how long the claim holds, ms.
-- Returns 0 when this member holds the claim now, otherwise how many ms another member's claim still holds (at least 1).
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 0
end
local left = redis.call('PTTL', KEYS[1])
if left < 1 then
  -- expiring this very millisecond (this script always sets an expiry, so a claim never lacks one)
  return 1
end
return left
