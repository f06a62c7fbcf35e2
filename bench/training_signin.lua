-- wrk script: sign-ins through POST /api/v1/training/sign_in, all to one session, each
-- request as the next seeded worker (bench/training_seed.sql: cookie `bench-signin-<n>`), so
-- the connections in flight at any moment are as many different people. Past the last worker
-- the cookies come round again: those answers are 已签到 (nothing stored), counted apart from
-- the rows stored by bench/training.sh. Set by bench/training.sh: BENCH_WORKERS (how many
-- seeded), BENCH_TOKEN (the session's), BENCH_TICKET (from a scan of the projector's QR),
-- BENCH_SCAN_COOKIE (that scan's browser cookie), BENCH_THREADS (wrk's -t).
local counter = 0
function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
end

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
  math.randomseed(os.time() + index * 7919)
  workers = tonumber(os.getenv("BENCH_WORKERS"))
  threads = tonumber(os.getenv("BENCH_THREADS") or "2")
  form = "&form[token]=" .. os.getenv("BENCH_TOKEN") .. "&form[ticket]=" .. os.getenv("BENCH_TICKET")
  -- The ticket is the scanning browser's (its `anxun_scan` cookie, BENCH_SCAN_COOKIE).
  scan_cookie = os.getenv("BENCH_SCAN_COOKIE") or ""
  -- This thread's workers: index + 1, index + 1 + threads, …: threads never share one.
  next_worker = index + 1
end

function request()
  local worker = next_worker
  next_worker = next_worker + threads
  if next_worker > workers then next_worker = index + 1 end
  local headers = {
    ["Cookie"] = "anxun_session=bench-signin-" .. worker .. "; " .. scan_cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
  }
  return wrk.format("POST", "/api/v1/training/sign_in", headers, "client_id=" .. uuid() .. form)
end
