-- GET /v3/auth/tokens: validate one fixed token (X-Subject-Token) with an admin token
-- (X-Auth-Token), as every OpenStack service's auth middleware does on a cache miss.
-- Env: BENCH_ADMIN_TOKEN, BENCH_SUBJECT_TOKEN (run.sh issues both beforehand).
local here = (debug.getinfo(1, "S").source:match("^@(.*/)")) or "./"
dofile(here .. "common.lua")
local admin = env("BENCH_ADMIN_TOKEN")
local subject = env("BENCH_SUBJECT_TOKEN")
if not admin or not subject then
  error("set BENCH_ADMIN_TOKEN and BENCH_SUBJECT_TOKEN")
end
wrk.method = "GET"
wrk.headers["Accept"] = "application/json"
wrk.headers["X-Auth-Token"] = admin
wrk.headers["X-Subject-Token"] = subject
