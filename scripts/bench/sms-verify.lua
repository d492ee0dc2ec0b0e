-- wrk: POST /users/login_sms with a random phone and code: the verify script runs and answers "Wrong code."
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
dofile(os.getenv("BENCH_SCRIPTS") .. "/phones.lua")

function request()
  local phone = next_phone()
  local body = string.format('{"phone":"%s","code":"%06d"}', phone, math.random(0, 999999))
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, 'Wrong code', 1, true) then
    error("unexpected answer " .. status .. ": " .. body)
  end
end
