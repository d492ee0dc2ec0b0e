-- wrk: GET the path wrk was given with no token, failing on any answer but the expected one: the hot list
-- (HTTP 200, code 0, at least one article), or with BENCH_EXPECT_404=1 the envelope's answer to an unknown
-- path (HTTP 404, code 4), the trivial side of scripts/bench-hot.sh's side-by-side rounds.
local missing = os.getenv("BENCH_EXPECT_404") == "1"
local status_wanted = missing and 404 or 200
local code_wanted = missing and '"code":4' or '"code":0'
local data_wanted = missing and '"data":null' or '"data":[{'

function response(status, headers, body)
  if status ~= status_wanted or not string.find(body, code_wanted, 1, true) or not string.find(body, data_wanted, 1, true) then
    error("unexpected answer " .. status .. ": " .. string.sub(body, 1, 200))
  end
end
