-- wrk script for HTTP/1.1 pipelining: each connection writes `depth` copies of the request back to
-- back, then waits for all the answers (wrk counts every response as one request).
-- usage: wrk -t1 -c64 -d5s --latency -s bench/wrk/pipeline.lua http://127.0.0.1:PORT/ -- 16
-- Latency with pipelining is per batch: every response of a batch is timed from the batch's write.
init = function(args)
  local depth = tonumber(args[1]) or 16
  local batch = {}
  for i = 1, depth do
    batch[i] = wrk.format(nil)
  end
  pipelined = table.concat(batch)
end

request = function()
  return pipelined
end
