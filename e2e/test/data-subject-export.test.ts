/**
 * requestDataExport, end to end: the archive holds the person's data from all four subgraphs
 * (gathered through each one's own route), its link works once, for the person it was made for,
 * while it has not expired; unsigned, tampered and another person's links are refused.
 */
import { signUp } from '../support/live-kit';
import { until } from '@flowgraph/kernel/testing';
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

interface ListedRequest {
  id: string;
  kind: string;
  status: string;
  downloadUrl: string | null;
  expiresAt: string | null;
}

/** Asks for an export and waits until the graph shows it finished, with its link. */
async function finishedExport(): Promise<ListedRequest> {
  const asked = await call<{ requestDataExport: { request: { id: string; status: string } } }>(
    platform,
    person.user.headers,
    'mutation { requestDataExport { request { id status } } }',
  );
  const id = asked.requestDataExport.request.id;
  return until(
    async () => {
      const listed = await call<{ dataSubjectRequests: ListedRequest[] }>(
        platform,
        person.user.headers,
        '{ dataSubjectRequests { id kind status downloadUrl expiresAt } }',
      );
      const request = listed.dataSubjectRequests.find((r) => r.id === id);
      return request?.status === 'COMPLETED' ? request : null;
    },
    60_000,
    'the export job',
    200,
  );
}

const download = (path: string, headers: Record<string, string> = person.user.headers) =>
  fetch(new URL(path, platform.gateway.url), { headers });

it('archives the data of all four subgraphs, downloadable once by its person', async () => {
  const request = await finishedExport();
  expect(request.kind).toBe('EXPORT');
  expect(request.downloadUrl).toMatch(new RegExp(`^/data-exports/${request.id}\\?expires=\\d+&signature=[\\w-]{43}$`));
  expect(Date.parse(request.expiresAt!) - Date.now()).toBeGreaterThan(23 * 3_600_000);
  const url = request.downloadUrl!;
  const [path, query] = url.split('?');
  const params = new URLSearchParams(query);

  // Refused: anonymous, unsigned, tampered, another person's credentials.
  expect((await download(url, {})).status).toBe(401);
  expect((await download(path)).status).toBe(404);
  const tampered = new URLSearchParams(params);
  tampered.set('expires', String(Number(params.get('expires')) + 3_600_000));
  expect((await download(`${path}?${tampered.toString()}`)).status).toBe(404);
  const other = await signUp(platform.gateway.url);
  expect((await download(url, other.headers)).status).toBe(404);

  const answer = await download(url);
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="flowgraph-export-${request.id}.json"`);
  const archive = (await answer.json()) as Record<string, Record<string, Record<string, unknown>[]>>;
  expect(Object.keys(archive).sort()).toEqual(['analytics', 'core', 'integration', 'workflow']);
  expect(archive.core.user).toEqual([expect.objectContaining({ id: person.user.userId, email: person.user.email })]);
  expect(archive.core.events.length).toBeGreaterThanOrEqual(2);
  expect(archive.core.apiKeys).toHaveLength(1);
  expect(archive.workflow.workflows.map((w) => w.id).sort()).toEqual([person.workflowId, person.sharedWorkflowId].sort());
  expect(archive.workflow.executions).toHaveLength(1);
  expect(archive.integration.integrations.map((i) => i.id)).toEqual([person.integrationId]);
  expect(archive.integration.credentials).toEqual([expect.not.objectContaining({ secret: expect.anything() })]);
  expect(archive.analytics.suggestions).toHaveLength(1);
  expect(archive.analytics.patterns).toHaveLength(1);
  expect(archive.analytics.events).toHaveLength(1);
  // No secret of any kind travels: password, token and key hashes, encrypted credentials.
  expect(JSON.stringify(archive)).not.toMatch(/password_hash|secret_hash|refresh_token_hash|"secret"/);

  // Once: the second try is refused, the archive is gone from its row and the graph offers no link.
  expect((await download(url)).status).toBe(404);
  const [row] = await platform.owner<{ archive: unknown; downloaded_at: Date | null }>(
    'select archive, downloaded_at from core.data_subject_requests where id = $1',
    [request.id],
  );
  expect(row.archive).toBeNull();
  expect(row.downloaded_at).not.toBeNull();
  const listed = await call<{ dataSubjectRequests: ListedRequest[] }>(
    platform,
    person.user.headers,
    '{ dataSubjectRequests { id downloadUrl } }',
  );
  expect(listed.dataSubjectRequests.find((r) => r.id === request.id)?.downloadUrl).toBeNull();
  // Audited: asked for and done, in the person's organization.
  const audited = await platform.owner<{ action: string }>(
    'select action from core.audit_log where target_id = $1 and org_id = $2 order by created_at',
    [request.id, person.user.orgId],
  );
  expect(audited.map((e) => e.action)).toEqual(['data_subject.export_requested', 'data_subject.export_completed']);
});

it('refuses a link once its export has expired', async () => {
  const request = await finishedExport();
  // A day later, as far as the row is concerned (the link's own expiry is still ahead).
  await platform.owner(`update core.data_subject_requests set archive_expires_at = now() - interval '1 second' where id = $1`, [
    request.id,
  ]);
  expect((await download(request.downloadUrl!)).status).toBe(404);
  const listed = await call<{ dataSubjectRequests: ListedRequest[] }>(
    platform,
    person.user.headers,
    '{ dataSubjectRequests { id downloadUrl } }',
  );
  expect(listed.dataSubjectRequests.find((r) => r.id === request.id)?.downloadUrl).toBeNull();
});
