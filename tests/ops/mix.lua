-- A mix of what readers open: the timeline, zoomed years, permalinks, search, an article.
local paths = {
  "/", "/?year=2014", "/?year=2015", "/?actor=japan&status=planned",
  "/events/kono-statement/", "/events/planned-security-dialogue-april-2015/",
  "/events/japan-china-security-dialogue/", "/?q=THAAD", "/?q=missile",
  "/sources/japan-south-korea-to-resume-security-dialogue-this-month/",
  "/sources/korea-pushes-to-resume-stalled-security-consultations-with-japan/",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
