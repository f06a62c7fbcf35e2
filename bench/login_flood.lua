-- wrk script: a login flood. Every request is a login attempt for an account that does not
-- exist (a fresh number each time), as a credential-stuffing run would send.
local n = 0
function setup(thread)
  thread:set("id", math.random(1, 1000000))
end

function request()
  n = n + 1
  local account = string.format("199%08d", (id * 1000 + n) % 100000000)
  return wrk.format("POST", "/auth/login",
    { ["Content-Type"] = "application/x-www-form-urlencoded" },
    "account=" .. account .. "&password=guess-guess")
end
