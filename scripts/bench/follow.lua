-- wrk: POST /follow/follow and /follow/cancel as the user in BENCH_TOKEN, over the users in BENCH_USERS (ids
-- separated by commas), each request flipping the next user between followed and not: every request changes
-- something (a follow or cancel that changes nothing is three reads, not the write being measured).
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["User-Agent"] = "webook-bench"
local users = {}
for id in string.gmatch(os.getenv("BENCH_USERS") or "", "%d+") do users[#users + 1] = id end
if #users == 0 then error("BENCH_USERS names no user") end

-- Each thread flips its own half of the users, so no two requests in flight flip one user against each other.
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

local n, first, count
function init(args)
  local id = tonumber(wrk.thread:get("id"))
  count = math.floor(#users / 2)
  first = id * count
  n = 0
end

function request()
  local user = users[first + (n % count) + 1]
  local path = (math.floor(n / count) % 2 == 0) and "/follow/follow" or "/follow/cancel"
  n = n + 1
  return wrk.format("POST", path, nil, '{"followee":' .. user .. '}')
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"code":0', 1, true) then
    error("unexpected answer " .. status .. ": " .. body)
  end
end
