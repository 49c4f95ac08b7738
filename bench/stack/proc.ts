/** CPU accounting from /proc (Linux): per process, and the Postgres backends serving one database. */
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ

function stat(pid: number): string[] {
  // The command name is in parentheses and may hold spaces: fields start after the last ") ".
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(') ') + 2).split(' ');
}

/** CPU seconds (user + system) a process has used; 0 once it has exited. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = stat(pid);
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function pids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '';
  }
}

/** The direct children of `parent` with their command lines. */
export function childrenOf(parent: number): { pid: number; cmdline: string }[] {
  const found: { pid: number; cmdline: string }[] = [];
  for (const pid of pids()) {
    try {
      if (Number(stat(pid)[1]) === parent) found.push({ pid, cmdline: cmdline(pid) });
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

/**
 * Postgres backends connected to `database`: their process title is
 * `postgres: [<cluster>:] <user> <database> <client> <state>`. Backends that start and end inside a window
 * are missed; the services keep pooled connections, so those are few.
 */
export function postgresBackends(database: string): number[] {
  return pids().filter((pid) => {
    const title = cmdline(pid);
    return title.startsWith('postgres: ') && title.split(' ').slice(1, 4).includes(database);
  });
}

/** CPU seconds of a changing set of processes: a process new in the window counts from 0. */
export function cpuOf(list: number[]): Map<number, number> {
  return new Map(list.map((pid) => [pid, cpuSeconds(pid)]));
}

export function cpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}
