-- Every request a new address: the page types of bench/server.py's PAGES in turn, each with a
-- query parameter no request sent before (per thread, and per run: bench/topology.py empties
-- the cache before each), so the page cache cannot answer and every request is a render.
local pages = {
  "/", "/?year=2014", "/?actor=japan&status=planned", "/events/kono-statement/",
  "/sources/japan-south-korea-to-resume-security-dialogue-this-month/", "/?q=missile",
}
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
local i = 0
request = function()
  i = i + 1
  local page = pages[(i % #pages) + 1]
  local sep = page:find("?", 1, true) and "&" or "?"
  return wrk.format("GET", page .. sep .. "n=" .. id .. "-" .. i)
end
