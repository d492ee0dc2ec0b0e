-- wrk: POST /articles/pub/like as the user bench.sh logged in, over the articles in BENCH_ARTICLES (ids
-- separated by commas), each request flipping the next article between liked and not liked.
-- With BENCH_LIKE_BASELINE=1 it sends a GET of the path wrk was given instead, after the same Lua work and
-- with the same headers: the trivial side of scripts/bench-like.sh's side-by-side rounds.
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["User-Agent"] = "webook-bench"
local baseline = os.getenv("BENCH_LIKE_BASELINE") == "1"
local articles = {}
for id in string.gmatch(os.getenv("BENCH_ARTICLES") or "", "%d+") do articles[#articles + 1] = id end
if #articles == 0 then error("BENCH_ARTICLES names no article") end

-- Each thread starts at its own place, so the threads do not flip the same article in step.
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

local n
function init(args)
  n = tonumber(wrk.thread:get("id")) * 7
end

function request()
  n = n + 1
  local id = articles[(n % #articles) + 1]
  local like = (math.floor(n / #articles) % 2 == 0) and "true" or "false"
  local body = '{"id":' .. id .. ',"like":' .. like .. '}'
  if baseline then return wrk.format("GET", nil, nil, nil) end
  return wrk.format("POST", nil, nil, body)
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"code":0', 1, true) then
    error("unexpected answer " .. status .. ": " .. body)
  end
end
