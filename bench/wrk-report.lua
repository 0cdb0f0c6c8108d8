-- bench/serve's report from wrk: one line of JSON once the run is done (latencies in µs). os.clock() is the
-- CPU time wrk itself used (all its threads), so the bench can show the load generator is not the bottleneck.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p99_us":%d,"cpu_s":%.3f,' ..
      '"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99),
    os.clock(), e.connect, e.read, e.write, e.status, e.timeout))
end
