-- GET the URL given to wrk (run.sh passes the /v3 version document): no auth, a trivial
-- JSON answer from the same HTTP server. The yardstick for what the server itself can do.
local here = (debug.getinfo(1, "S").source:match("^@(.*/)")) or "./"
dofile(here .. "common.lua")
wrk.method = "GET"
wrk.headers["Accept"] = "application/json"
