import net from 'node:net';
import { cleanEnv, freePort, runNode } from './helpers';

describe('npm run doctor', () => {
  let busy: net.Server;
  let busyPort: number;
  beforeAll(async () => {
    busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

  it('reports a port in use as a failure naming the service and the variable to change, and free ports as ok', async () => {
    const [core, workflow, integration, analytics] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const run = await runNode(
      'scripts/doctor.mjs',
      [],
      cleanEnv({
        GATEWAY_PORT: String(busyPort),
        CORE_PORT: String(core),
        WORKFLOW_PORT: String(workflow),
        INTEGRATION_PORT: String(integration),
        ANALYTICS_PORT: String(analytics),
      }),
    );
    const lines = run.stdout.split('\n');
    expect(lines).toContain(
      `FAIL  port ${busyPort} (gateway) is in use: stop what uses it (is npm start already running?) or set GATEWAY_PORT`,
    );
    expect(lines).toContain(`ok    port ${core} (core) is free`);
    expect(lines).toContain(`ok    port ${analytics} (analytics) is free`);
    expect(lines[0]).toMatch(/^ok {4}Node \d+\.\d+\.\d+ \(>= 20\.19\.0\)$/);
    expect(run.code).toBe(1);
  });
});
