import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './helpers';

/** No docker here: the definition is checked for what the project needs from it. */
const read = (file: string) => readFileSync(path.join(repoRoot, '.devcontainer', file), 'utf8');

interface ComposeService {
  image: string;
  network_mode?: string;
  environment?: Record<string, string>;
  volumes?: string[];
}

describe('.devcontainer', () => {
  const container = JSON.parse(read('devcontainer.json'));
  const compose = parse(read(container.dockerComposeFile)) as { services: Record<string, ComposeService> };
  const { services } = compose;

  it('opens the repository in a Node 20 container and installs and builds it', () => {
    const app = services[container.service];
    expect(app.image).toMatch(/node:.*\b20\b/);
    const mount = app.volumes?.find((v) => v.startsWith('..:'));
    expect(mount?.split(':')[1]).toBe(container.workspaceFolder);
    expect(container.postCreateCommand).toMatch(/^npm install\b/);
    expect(container.forwardPorts).toEqual(expect.arrayContaining([4000]));
  });

  it('runs Postgres 15 and Redis 7 where npm start, npm run dev and npm test look first: 127.0.0.1, user postgres without a password', () => {
    expect(services.postgres.image).toBe('postgres:15');
    expect(services.redis.image).toBe('redis:7');
    expect(services.postgres.environment).toMatchObject({ POSTGRES_HOST_AUTH_METHOD: 'trust', POSTGRES_DB: 'flowgraph' });
    // One network namespace: the app's 127.0.0.1 is Postgres's and Redis's.
    expect(services[container.service].network_mode).toBe('service:postgres');
    expect(services.redis.network_mode).toBe('service:postgres');
    expect(container.runServices.sort()).toEqual(Object.keys(services).sort());
  });
});
