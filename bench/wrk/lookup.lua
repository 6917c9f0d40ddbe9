-- wrk script of `./geodig bench` (docs/benchmarks.md): POSTs the demo lookup to the gateway and
-- counts a response as a success only when it is HTTP 200 and every "status" in its body is
-- "success" (a partial report holds "status":"success" for the locations that answered).
--
-- Usage: wrk -s bench/wrk/lookup.lua http://127.0.0.1:<gateway>/api/v1/dns/lookup -- <location,location,...>
-- done() prints one line, "geodig-bench-wrk key=value ...", that the benchmark reads (WrkSummary).

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local quoted = {}
  for location in string.gmatch(args[1] or "", "[^,]+") do
    table.insert(quoted, '"' .. location .. '"')
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"domain":"www.geodig.test","locations":[' .. table.concat(quoted, ",")
    .. '],"record_types":["A","AAAA","MX","TXT","NS"]}'
  successes = 0
  failures = 0
end

local function succeeded(status, body)
  if status ~= 200 or body == nil then
    return false
  end
  local seen = false
  for value in string.gmatch(body, '"status":"([^"]*)"') do
    if value ~= "success" then
      return false
    end
    seen = true
  end
  return seen
end

function response(status, headers, body)
  if succeeded(status, body) then
    successes = successes + 1
  else
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("successes")
    bad = bad + thread:get("failures")
  end
  local errors = summary.errors
  io.write(string.format(
    "geodig-bench-wrk duration_us=%.0f requests=%.0f success=%.0f failure=%.0f connect_errors=%.0f"
      .. " read_errors=%.0f write_errors=%.0f timeouts=%.0f p50_us=%.0f p90_us=%.0f p99_us=%.0f max_us=%.0f\n",
    summary.duration, summary.requests, ok, bad, errors.connect, errors.read, errors.write, errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
