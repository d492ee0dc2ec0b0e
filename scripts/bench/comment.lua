-- wrk: POST /articles/pub/comment as the user in BENCH_TOKEN, a root comment on the article in BENCH_ARTICLES (its
-- first id) per request. Start the server with a flood limit above the rate (Comments__FloodLimit=1000000).
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["User-Agent"] = "webook-bench"
local article = string.match(os.getenv("BENCH_ARTICLES") or "", "%d+")
if not article then error("BENCH_ARTICLES names no article") end
local body = '{"id":' .. article .. ',"content":"a comment of about the length people write, forty chars"}'

function request()
  return wrk.format("POST", nil, nil, body)
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"code":0', 1, true) then
    error("unexpected answer " .. status .. ": " .. body)
  end
end
