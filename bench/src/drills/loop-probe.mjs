// Preloaded with `node --import` into the process under test (the soak's server): every
// TIDELINE_PROBE_INTERVAL_MS (10 s) it appends one JSON line to TIDELINE_PROBE_FILE with the
// process's RSS and heap and the event loop's delay since the last line, measured from inside
// with perf_hooks.monitorEventLoopDelay (10 ms resolution), so a stall of the engine, the API or
// the SSE streams shows, whatever caused it.
import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.TIDELINE_PROBE_FILE;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const timer = setInterval(
    () => {
      const memory = process.memoryUsage();
      const line = {
        t: Date.now(),
        rssMiB: Math.round((memory.rss / 1048576) * 10) / 10,
        heapUsedMiB: Math.round((memory.heapUsed / 1048576) * 10) / 10,
        loopMaxMs: Math.round(histogram.max / 1e5) / 10,
        loopP99Ms: Math.round(histogram.percentile(99) / 1e5) / 10,
        loopMeanMs: Math.round(histogram.mean / 1e5) / 10,
        // The machine is shared: a stall under a load of 20 on 2 cores is partly other work's.
        load1: Math.round(loadavg()[0] * 10) / 10,
      };
      histogram.reset();
      appendFileSync(file, `${JSON.stringify(line)}\n`);
    },
    Number(process.env.TIDELINE_PROBE_INTERVAL_MS ?? 10_000),
  );
  timer.unref();
}
