-- Loaded first by each wrk script here: finds this directory and loads report.lua from it.
local here = (debug.getinfo(1, "S").source:match("^@(.*/)")) or "./"
dofile(here .. "report.lua")

-- env(NAME, DEFAULT): an environment variable, or DEFAULT when unset or empty.
function env(name, default)
  local v = os.getenv(name)
  if v == nil or v == "" then return default end
  return v
end

-- A JSON string literal body (no quotes): escapes \ and " and control characters.
function json_escape(s)
  return (s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' end
    if c == '\\' then return '\\\\' end
    return string.format('\\u%04x', c:byte())
  end))
end
