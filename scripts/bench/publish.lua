-- wrk: POST /articles/publish, a new article each time (about 2 KiB of HTML), as the author bench.sh logged in.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["User-Agent"] = "webook-bench"
wrk.body = '{"title":"Benchmark","content":"<p>' .. string.rep("lorem ipsum ", 170) .. '</p>"}'

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"code":0', 1, true) then
    error("unexpected answer " .. status .. ": " .. body)
  end
end
