-- POST /v3/auth/tokens: password authentication, project scope (a new token each time;
-- one bcrypt verify of the user's password per request).
-- Env: BENCH_USERNAME BENCH_PASSWORD BENCH_PROJECT BENCH_USER_DOMAIN BENCH_PROJECT_DOMAIN
local here = (debug.getinfo(1, "S").source:match("^@(.*/)")) or "./"
dofile(here .. "common.lua")
local pw = env("BENCH_PASSWORD")
if not pw then error("set BENCH_PASSWORD") end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.body = string.format(
  '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"%s",' ..
  '"domain":{"name":"%s"},"password":"%s"}}},"scope":{"project":{"name":"%s",' ..
  '"domain":{"name":"%s"}}}}}',
  json_escape(env("BENCH_USERNAME", "admin")), json_escape(env("BENCH_USER_DOMAIN", "Default")),
  json_escape(pw), json_escape(env("BENCH_PROJECT", "admin")),
  json_escape(env("BENCH_PROJECT_DOMAIN", "Default")))
