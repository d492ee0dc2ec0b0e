-- wrk: GET with the access token of scripts/bench-ratios.sh (if any), failing on any answer but HTTP 200 with
-- code 0; the same script serves the measured endpoint and the trivial one it is compared with.
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
wrk.headers["User-Agent"] = "webook-bench"

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"code":0', 1, true) then
    error("unexpected answer " .. status .. ": " .. string.sub(body, 1, 200))
  end
end
