import { readFileSync } from 'node:fs';

/**
 * CPU seconds spent by named processes over a measured window, read from /proc. A process's
 * figure includes the children it has reaped (for the engine: every kubectl/git it ran), so the
 * split says where the machine's time went even when other load shares the machine.
 */
export interface CpuSplit {
  /** Component name (process comm, or `engine`) → CPU seconds in the window. */
  seconds: Record<string, number>;
  /** Share of all cores busy over the window (0–1), from /proc/stat. */
  machineBusy: number;
}

const TICKS_PER_SECOND = 100;

function processTicks(pid: number): { comm: string; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    // Fields after "comm) ": state is index 0; utime, stime, cutime, cstime are 11–14.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
    return { comm, ticks };
  } catch {
    return undefined;
  }
}

function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

/** Starts a window over `pids` (named by `names`, else by their comm); `stop()` returns the split. */
export function startCpuWindow(
  pids: readonly number[],
  names: Record<number, string> = {},
): { stop(): CpuSplit } {
  const before = new Map(pids.map((pid) => [pid, processTicks(pid)]));
  const machineBefore = machineTicks();
  return {
    stop(): CpuSplit {
      const seconds: Record<string, number> = {};
      for (const pid of pids) {
        const start = before.get(pid);
        const end = processTicks(pid);
        if (!start || !end) continue;
        const name = names[pid] ?? end.comm;
        seconds[name] =
          Math.round(((seconds[name] ?? 0) + (end.ticks - start.ticks) / TICKS_PER_SECOND) * 10) / 10;
      }
      const machineAfter = machineTicks();
      const total = machineAfter.total - machineBefore.total;
      return {
        seconds,
        machineBusy:
          total > 0 ? Math.round(((machineAfter.busy - machineBefore.busy) / total) * 100) / 100 : 0,
      };
    },
  };
}
