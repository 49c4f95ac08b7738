/**
 * A data-subject job survives its worker: an erasure whose worker died after some steps (here:
 * the Analytics step failed and the worker was stopped) is finished by the next worker from the
 * first unfinished step, even when Redis lost the job meanwhile (the worker queues unfinished
 * requests again when it starts).
 */
import { Queue } from 'bullmq';
import { createRedis } from '@flowgraph/kernel';
import { until } from '@flowgraph/kernel/testing';
import { QUEUES, bullPrefix, type SubjectClients } from '@flowgraph/core/testing';
import { call, seedPerson, startDataSubjectPlatform, type DataSubjectPlatform, type SeededPerson } from '../support/data-subject-kit';

jest.setTimeout(120_000);

let platform: DataSubjectPlatform;
let person: SeededPerson;

beforeAll(async () => {
  platform = await startDataSubjectPlatform();
  person = await seedPerson(platform);
});

afterAll(async () => {
  await platform?.stop();
});

/** The platform's clients, recording erase calls (`<subgraph>:<user|organization>`); Analytics' fails while `analyticsDown`. */
function countingClients(analyticsDown: boolean) {
  const calls: string[] = [];
  const clients = Object.fromEntries(
    (['workflow', 'integration', 'analytics'] as const).map((name) => [
      name,
      {
        export: platform.clients[name].export,
        erase: async (request: Parameters<SubjectClients['workflow']['erase']>[0]) => {
          calls.push(`${name}:${request.kind}`);
          if (name === 'analytics' && analyticsDown) throw new Error('the worker died here');
          return platform.clients[name].erase(request);
        },
      },
    ]),
  ) as SubjectClients;
  return { clients, calls };
}

const stepsOf = async (id: string) =>
  (
    await platform.owner<{ status: string; steps_done: string[] }>(
      'select status, steps_done from core.data_subject_requests where id = $1',
      [id],
    )
  )[0];

it('finishes an interrupted erasure from its first unfinished step after a restart', async () => {
  await platform.stopWorker();
  const first = countingClients(true);
  await platform.startWorker(first.clients);
  const asked = await call<{ deleteMyAccount: { request: { id: string } } }>(
    platform,
    person.user.headers,
    'mutation($email: String!) { deleteMyAccount(confirmEmail: $email) { request { id } } }',
    { email: person.user.email },
  );
  const id = asked.deleteMyAccount.request.id;
  await until(() => first.calls.includes('analytics:organization'), 30_000, 'the first worker to reach the Analytics step');
  await platform.stopWorker();
  const interrupted = await stepsOf(id);
  expect(interrupted.status).toBe('running');
  // The person's own organization (they were its only member) goes first, subgraph by subgraph.
  const org = person.user.orgId;
  expect(interrupted.steps_done).toEqual(['access', `organization:${org}:workflow`, `organization:${org}:integration`]);

  // Redis lost the job meanwhile: only the request's row says there is work left.
  const connection = createRedis(platform.config.REDIS_URL);
  const queue = new Queue(QUEUES.dataSubject, { connection, prefix: bullPrefix(platform.config.REDIS_PREFIX) });
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();

  const second = countingClients(false);
  await platform.startWorker(second.clients);
  const finished = await until(
    async () => {
      const row = await platform.owner<{ status: string }>('select status from core.data_subject_requests where id = $1', [id]);
      return row[0].status === 'completed' ? row[0] : null;
    },
    30_000,
    'the second worker to finish the erasure',
  );
  expect(finished.status).toBe('completed');
  // Resumed, not redone: the steps the first worker finished were not run again.
  expect(second.calls).toEqual(['analytics:organization', 'workflow:user', 'integration:user', 'analytics:user']);
  expect(await platform.owner('select id from core.users where id = $1', [person.user.userId])).toEqual([]);
});
