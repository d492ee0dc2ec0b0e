-- wrk: GET with the access token of scripts/bench-ratios.sh (if any), failing on any answer but HTTP 200 with
-- code 0; the same script serves the measured endpoint and the trivial one it is compared with.
-- BENCH_BODY (scripts/bench-reward.sh): a JSON body POSTed to the measured endpoint; GET /bench/trivial, which takes
-- no POST, gets a GET with the same headers. BENCH_EXPECT: text every answer must also contain (the measured side's).
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
wrk.headers["User-Agent"] = "webook-bench"
local body = os.getenv("BENCH_BODY")
if body and body ~= "" then
  wrk.headers["Content-Type"] = "application/json"
  if wrk.path ~= "/bench/trivial" then
    wrk.method = "POST"
    wrk.body = body
  end
end
local expect = os.getenv("BENCH_EXPECT")
if expect == "" then expect = nil end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"code":0', 1, true) or (expect and not string.find(body, expect, 1, true)) then
    error("unexpected answer " .. status .. ": " .. string.sub(body, 1, 200))
  end
end
