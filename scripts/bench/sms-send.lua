-- wrk: POST /users/login_sms/code/send, a new random mobile number per request (one code per phone per minute).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
dofile(os.getenv("BENCH_SCRIPTS") .. "/phones.lua")

function request()
  local phone = next_phone()
  return wrk.format(nil, nil, nil, '{"phone":"' .. phone .. '"}')
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"code":0', 1, true) then
    error("unexpected answer " .. status .. ": " .. body)
  end
end
