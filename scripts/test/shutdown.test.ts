import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { startPlatform, type PlatformRun } from './helpers';

/** What became of one request sent while the platform stopped. */
type Outcome = { kind: 'answered'; status: number; ok: boolean } | { kind: 'refused' } | { kind: 'failed'; error: string };

async function send(url: string, headers: Record<string, string>): Promise<Outcome> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ me { id } currentOrganization { id } }' }),
    });
    const body = (await response.json()) as { data?: { me?: { id: string } } };
    return { kind: 'answered', status: response.status, ok: response.status === 200 && Boolean(body.data?.me?.id) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    // Refused at connect: the request never reached the server, a client sends it elsewhere.
    if (cause?.code === 'ECONNREFUSED') return { kind: 'refused' };
    return { kind: 'failed', error: `${(error as Error).message} ${cause?.code ?? String(cause)}` };
  }
}

async function signUp(gatewayUrl: string): Promise<Record<string, string>> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }',
      variables: {
        input: { email: `${randomUUID()}@example.com`, password: 'correct horse battery staple', name: 'Ada', organizationName: 'Stop Co' },
      },
    }),
  });
  const body = (await response.json()) as { data?: { signUp: { accessToken: string } } };
  if (!body.data) throw new Error(`signUp failed: ${JSON.stringify(body)}`);
  return { authorization: `Bearer ${body.data.signUp.accessToken}` };
}

/** A graphql-ws connection, acknowledged; `closed` resolves with the close code the server sends. */
async function openSubscriber(wsUrl: string, headers: Record<string, string>) {
  const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: headers })));
    socket.on('message', (data) => JSON.parse(String(data)).type === 'connection_ack' && resolve());
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { suggestionAdded { id } }' } }));
  return { closed };
}

/** An SSE subscription; `body` resolves with everything the stream carried once it ends. */
async function openStream(streamUrl: string, headers: Record<string, string>) {
  const response = await fetch(streamUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query: 'subscription { suggestionAdded { id } }' }),
  });
  expect(response.status).toBe(200);
  return { body: response.text() };
}

describe('npm start stopped by SIGTERM under load', () => {
  let platform: PlatformRun | undefined;

  afterAll(() => platform?.cleanUp());

  it('answers every request it accepted, refuses new connections, tells live clients to reconnect, and exits 0 with every service', async () => {
    platform = await startPlatform('shutdown');
    const { child, ports } = platform;
    await platform.unlessExited(
      new Promise<void>((resolve) => child.stdout!.on('data', () => platform!.output().includes('Press Ctrl-C to stop.') && resolve())),
    );
    const gatewayUrl = `http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`;
    const headers = await signUp(gatewayUrl);
    const subscriber = await openSubscriber(`ws://127.0.0.1:${ports.GATEWAY_PORT}/graphql`, headers);
    const stream = await openStream(`${gatewayUrl}/stream`, headers);

    // Eight clients send one request after another until the gateway refuses their connection.
    const outcomes: Outcome[] = [];
    let sentBeforeSignal = 0;
    let signalled = false;
    const client = async () => {
      for (;;) {
        if (!signalled) sentBeforeSignal += 1;
        const outcome = await send(gatewayUrl, headers);
        outcomes.push(outcome);
        if (outcome.kind !== 'answered') return;
      }
    };
    const clients = Array.from({ length: 8 }, client);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const began = Date.now();
    signalled = true;
    child.kill('SIGTERM');
    const code = await platform.exited;
    const stopMs = Date.now() - began;
    await Promise.all(clients);

    expect(code).toBe(0);
    expect(platform.output()).not.toContain('did not stop cleanly');
    // Within one service's grace period (25 s by default), though nine processes stop one after another.
    expect(stopMs).toBeLessThan(25_000);
    expect(outcomes.filter((o) => o.kind === 'failed')).toEqual([]);
    const answered = outcomes.filter((o) => o.kind === 'answered');
    expect(answered.length).toBeGreaterThanOrEqual(sentBeforeSignal);
    expect(answered.every((o) => o.ok)).toBe(true);
    expect(outcomes.filter((o) => o.kind === 'refused')).toHaveLength(8);
    // graphql-ws clients reconnect after 1001 (going away); SSE streams end with a retry hint and no `complete`.
    expect(await subscriber.closed).toBe(1001);
    const events = await stream.body;
    expect(events).toMatch(/^retry: \d+$/m);
    expect(events).not.toContain('event: complete');
  }, 240_000);
});
