-- Directory searches for bench/places.ts, when wrk is installed: the paths come from the PATHS
-- environment variable, one per line, and are taken in turn; each request has its own
-- X-Forwarded-For (public reads are limited per address, and the bench measures search, not the
-- limiter). No Accept-Encoding, as the Node generator sent none: the figures stay comparable with
-- earlier runs. Prints one JSON line of figures at the end.
local paths = {}
for p in string.gmatch(os.getenv("PATHS") or "/", "[^\n]+") do paths[#paths + 1] = p end
local counter = 0

request = function()
  counter = counter + 1
  local n = counter % 62500
  local address = "10." .. math.floor(n / 250) % 250 .. "." .. n % 250 .. ".1"
  return wrk.format("GET", paths[(counter % #paths) + 1], { ["X-Forwarded-For"] = address })
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"p50":%.1f,"p95":%.1f,"p99":%.1f,"non2xx":%d,"errors":%d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
