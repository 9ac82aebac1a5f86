-- Public reads by a crowd, for wrk (bench/wrk.ts): the paths come from the PATHS environment
-- variable, one per line, taken in turn; each request has an X-Forwarded-For from 65,000 addresses
-- (each stays under the public read limit, as a TV programme's audience would, and the benches
-- measure the pages, not the limiter). ENCODING, when set, is sent as Accept-Encoding (bench:national
-- sends br, as browsers do; bench:places none, as its earlier Node generator did, so its figures stay
-- comparable). Prints one JSON line of figures at the end.
local paths = {}
for p in string.gmatch(os.getenv("PATHS") or "/", "[^\n]+") do paths[#paths + 1] = p end
local encoding = os.getenv("ENCODING")
local counter = 0

request = function()
  counter = counter + 1
  local n = (counter * 7919 + math.random(0, 65535)) % 65000
  local address = "10." .. math.floor(n / 65536) % 256 .. "." .. math.floor(n / 256) % 256 .. "." .. n % 256
  local headers = { ["X-Forwarded-For"] = address }
  if encoding then headers["Accept-Encoding"] = encoding end
  return wrk.format("GET", paths[(counter % #paths) + 1], headers)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"p50":%.1f,"p95":%.1f,"p99":%.1f,"non2xx":%d,"errors":%d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
