import { spawn } from 'node:child_process';
import path from 'node:path';
import type { ScenarioResult } from './telemetry-scenario';

const SCRIPT = path.join(__dirname, 'telemetry.process.ts');

export interface ChildOutput {
  result: ScenarioResult;
  /** Every JSON log line the child printed. */
  logs: Record<string, unknown>[];
}

/** Runs `telemetry.process.ts <scenario>` in a fresh process (telemetry must start before anything loads). */
export function runTelemetryProcess(scenario: string, env: Record<string, string | undefined>): Promise<ChildOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, scenario], {
      env: { ...process.env, TEST_LOG: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const lines = stdout.split('\n');
      const resultLine = lines.find((line) => line.startsWith('RESULT '));
      if (code !== 0 || !resultLine) {
        reject(new Error(`telemetry process exited ${code}: ${stderr.slice(-3000)}`));
        return;
      }
      const logs = lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
      resolve({ result: JSON.parse(resultLine.slice('RESULT '.length)) as ScenarioResult, logs });
    });
  });
}
