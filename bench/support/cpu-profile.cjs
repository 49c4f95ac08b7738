/**
 * Preload for CPU profiles of a chosen window (`--cpu-prof` is not allowed in NODE_OPTIONS and
 * profiles the whole life of a process). With CPU_PROFILE_DIR set, SIGUSR2 starts the V8
 * profiler and the next SIGUSR2 writes `<dir>/<pid>-<n>.cpuprofile`. bench/stack does this around
 * each measured window when `BENCH_CPU_PROF=<dir>` is set. Summarise a file with
 * `npx tsx bench/gateway/profile-summary.ts <file>`.
 */
const { Session } = require('node:inspector');
const { mkdirSync, renameSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const dir = process.env.CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  let profiling = false;
  let written = 0;
  process.on('SIGUSR2', () => {
    if (!profiling) {
      session.post('Profiler.enable');
      session.post('Profiler.start');
      profiling = true;
      return;
    }
    profiling = false;
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      mkdirSync(dir, { recursive: true });
      // Written aside, then renamed: whoever waits for the file never reads half of it.
      const file = path.join(dir, `${process.pid}-${++written}.cpuprofile`);
      writeFileSync(`${file}.partial`, JSON.stringify(result.profile));
      renameSync(`${file}.partial`, file);
    });
  });
}
