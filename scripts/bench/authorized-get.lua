-- wrk: GET a path with the access token made by scripts/bench.sh.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["User-Agent"] = "webook-bench"

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"code":0', 1, true) then
    error("unexpected answer " .. status .. ": " .. body)
  end
end
