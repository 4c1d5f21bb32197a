-- GET with the bench token; paced when BENCH_RATE is set (see pace.lua).
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
require("pace")

function setup(thread) end

function init(args)
  for name, value in pairs(pace.headers()) do wrk.headers[name] = value end
end

delay = pace.delay
