/** What the benches read of a process from /proc (Linux): CPU time and memory. */
import { readdirSync, readFileSync } from 'node:fs';

/** The fields of /proc/<pid>/stat after the command name (index 11 = utime, 12 = stime …). */
export function statFields(pid: number | string): string[] {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
}

/**
 * CPU seconds of a process and its children: the live ones from /proc, the finished ones from
 * the parent's cutime/cstime. For PostgreSQL's postmaster that is every backend of the cluster.
 */
export function treeCpuSeconds(pid: number): number {
  const own = statFields(pid);
  let total = (Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14])) / 100;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = statFields(entry);
      if (Number(fields[1]) === pid) total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}
