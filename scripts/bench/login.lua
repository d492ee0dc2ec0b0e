-- wrk: POST /users/login with the account made by scripts/bench.sh.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["User-Agent"] = "webook-bench"
wrk.body = string.format('{"email":"%s","password":"%s"}', os.getenv("BENCH_EMAIL"), os.getenv("BENCH_PASSWORD"))

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"code":0', 1, true) then
    error("unexpected answer " .. status .. ": " .. body)
  end
end
