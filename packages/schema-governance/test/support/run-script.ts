import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..', '..', '..');
const packageRoot = resolve(__dirname, '..', '..');

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command of this package (`src/<script>`, through tsx) as a child process, like
 * `npm run schema:check` does; from the repository, where tsx resolves (pass `--root`).
 */
export function runScript(script: string, args: string[], cwd = repoRoot): Promise<ScriptRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(packageRoot, 'src', script), ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}
