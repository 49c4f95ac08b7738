import { Client } from 'pg';
import { loadConfig } from '@flowgraph/kernel';
import { dropDatabase, uniqueName } from '@flowgraph/kernel/testing';
import { cleanEnv, runNode } from './helpers';

const SUBGRAPHS = ['core', 'workflow', 'integration', 'analytics'];

describe('npm run migrate', () => {
  const serverUrl = loadConfig().DATABASE_URL;
  const name = uniqueName('fg_migrate');
  const url = (() => {
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    return u.toString();
  })();
  afterAll(() => dropDatabase(serverUrl, name));

  it('creates a missing database and applies every subgraph, then finds nothing to do on a second run', async () => {
    const first = await runNode('scripts/migrate.mjs', [], cleanEnv({ DATABASE_URL: url }));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`migrate: created database`);
    const firstLines = first.stdout.trim().split('\n');
    // Order matters: later subgraphs may reference roles and schemas made by earlier ones.
    expect(firstLines.slice(1).map((l) => l.split(':')[1].trim())).toEqual(SUBGRAPHS);

    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ nspname: string }>(
        'select nspname from pg_namespace where nspname = any($1) order by nspname',
        [SUBGRAPHS],
      );
      expect(rows.map((r) => r.nspname)).toEqual([...SUBGRAPHS].sort());
    } finally {
      await client.end();
    }

    const second = await runNode('scripts/migrate.mjs', [], cleanEnv({ DATABASE_URL: url }));
    expect(second.code).toBe(0);
    expect(second.stdout.trim().split('\n')).toEqual(SUBGRAPHS.map((s) => `migrate: ${s}: up to date`));
  });

  it('lets doctor confirm the migrations are applied', async () => {
    const run = await runNode('scripts/doctor.mjs', [], cleanEnv({ DATABASE_URL: url }));
    expect(run.stdout).toContain(`ok    migrations applied (${SUBGRAPHS.join(', ')})`);
  });
});
