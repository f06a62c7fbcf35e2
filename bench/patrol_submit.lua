-- wrk script: patrol submissions through POST /api/v1/patrols/submit (multipart, no photos),
-- each with a fresh client id and its own started record (seeded by bench/patrols_seed.sql),
-- every item answered "pass" (or a number inside its range). Set by bench/patrols.sh:
-- BENCH_COOKIE (the patroller's session), BENCH_RECORDS (a file of record ids, one a line),
-- BENCH_FIELDS (a file of "name=value" answer fields, one a line).
local counter = 0
local threads = {}
function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  table.insert(threads, thread)
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

local boundary = "anxun-bench-boundary"
local function part(name, value)
  return "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"" .. name .. "\"\r\n\r\n" .. value .. "\r\n"
end

function init(args)
  cookie = os.getenv("BENCH_COOKIE")
  math.randomseed(os.time() + index * 7919)
  -- This thread's share of the records: every n-th, from its index, so threads never collide.
  records = {}
  local nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
  local i = 0
  for line in io.lines(os.getenv("BENCH_RECORDS")) do
    if i % nthreads == index then table.insert(records, line) end
    i = i + 1
  end
  local fields = {}
  for line in io.lines(os.getenv("BENCH_FIELDS")) do
    local k, v = line:match("^([^=]+)=(.*)$")
    table.insert(fields, part(k, v))
  end
  answers = table.concat(fields)
  next_record = 1
end

function request()
  -- Past the last record, the same one again: refused (already submitted), counted as non-2xx.
  local record = records[math.min(next_record, #records)]
  next_record = next_record + 1
  local body = part("client_id", uuid()) .. part("record_id", record) .. answers .. "--" .. boundary .. "--\r\n"
  local headers = {
    ["Cookie"] = "anxun_session=" .. cookie,
    ["Content-Type"] = "multipart/form-data; boundary=" .. boundary,
    ["Accept"] = "application/json",
  }
  return wrk.format("POST", "/api/v1/patrols/submit", headers, body)
end
