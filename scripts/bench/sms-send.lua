-- wrk: POST /users/login_sms/code/send, a new random mobile number per request (one code per phone per minute).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
-- Each wrk thread numbers its own phones, so two requests never share one.
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  math.randomseed(os.time() + tonumber(wrk.thread:get("id")) * 7919)
  base = tonumber(wrk.thread:get("id")) * 100000000 + math.random(0, 49999999)
  counter = 0
end

local function next_phone()
  counter = counter + 1
  return string.format("13%09d", base + counter)
end

function request()
  local phone = next_phone()
  return wrk.format(nil, nil, nil, '{"phone":"' .. phone .. '"}')
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"code":0', 1, true) then
    error("unexpected answer " .. status .. ": " .. body)
  end
end
