-- wrk script: each thread is one entrant going in and out of the same operation, so
-- threads never collide; every request carries a fresh client id, like a phone would.
-- Set by bench/run.sh per thread: cookie, op, person.
local counter = 1
function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
end

local inside = false
local hex = "0123456789abcdef"
local function uuid()
  local t = {}
  for i = 1, 32 do
    local n = math.random(1, 16)
    t[i] = hex:sub(n, n)
  end
  local s = table.concat(t)
  return s:sub(1, 8) .. "-" .. s:sub(9, 12) .. "-4" .. s:sub(14, 16) .. "-a" .. s:sub(18, 20) .. "-" .. s:sub(21, 32)
end

function init(args)
  local i = index
  cookie = os.getenv("BENCH_COOKIE_" .. i)
  person = os.getenv("BENCH_PERSON_" .. i)
  op = os.getenv("BENCH_OP")
  math.randomseed(os.time() + i * 7919)
end

function request()
  local headers = {
    ["Cookie"] = "anxun_session=" .. cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
  }
  local path, body
  if inside then
    path = "/api/v1/operations/exit"
    body = "client_id=" .. uuid() .. "&operation_id=" .. op .. "&form%5Bperson_id%5D=" .. person .. "&form%5Btools%5D="
  else
    path = "/api/v1/operations/enter"
    body = "client_id=" .. uuid() .. "&operation_id=" .. op .. "&form%5Bbriefed%5D=on&form%5Btools%5D="
  end
  inside = not inside
  return wrk.format("POST", path, headers, body)
end
