-- Shared by the SMS benchmarks: each wrk thread numbers its own mainland mobile numbers, so two
-- requests never share a phone (one code per phone per minute).
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

function next_phone()
  counter = counter + 1
  return string.format("13%09d", base + counter)
end
