import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startProcess } from '../../src/testing/worker-process';

export { killProcess, startWorkflowWorkerProcess } from '../../src/testing/worker-process';

const TRIGGER_WORKER = path.join(__dirname, 'trigger-worker.process.ts');

/** A trigger worker alone (`trigger-worker.process.ts`), once it printed "ready". */
export function startTriggerWorkerProcess(env: Record<string, string>, timeoutMs = 20_000): Promise<ChildProcess> {
  return startProcess(TRIGGER_WORKER, env, 'ready\n', timeoutMs);
}
