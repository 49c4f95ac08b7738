import { randomUUID } from 'node:crypto';

/**
 * Client load for the chaos tests: events ingested through REST (`POST /api/v1/events`) and
 * executions started through GraphQL (`executeWorkflow`), each item with an idempotency key of
 * its own, sent with an API key as a partner would. An item refused with 503 is sent again with
 * the same key once its Retry-After has passed, as a client should; so is one that failed
 * otherwise (a mutation with a key is safe to repeat), though that counts as an error.
 */

/** How one HTTP answer is counted. */
export type Outcome = 'acknowledged' | 'refused' | 'other';

export interface Item {
  kind: 'event' | 'execution';
  key: string;
  /** The id the platform answered with, once acknowledged. */
  id?: string;
}

export interface LoadTarget {
  gatewayUrl: string;
  apiKey: string;
  workflowId: string;
  /** tool and event type of the events (those of the workflow's EVENT trigger). */
  tool: string;
  eventType: string;
}

interface Answer {
  outcome: Outcome;
  id?: string;
  retryAfterMs: number;
  /** What made it `other`, for the report. */
  problem?: string;
}

/** Past the gateway's own 30 s limit on a subgraph call: an answer later than this is a hang, not an outage handled. */
const REQUEST_TIMEOUT_MS = 35_000;
/** A request that failed without a 503 is sent again after this. */
const OTHER_RETRY_MS = 1000;

/** A 503 the way decision 0022 promises it: Retry-After in seconds and the catalog's UNAVAILABLE. */
function refusal(status: number, retryAfter: string | null, code: string | undefined): Answer | undefined {
  if (status !== 503) return undefined;
  const seconds = Number(retryAfter);
  if (!retryAfter || !Number.isInteger(seconds) || seconds < 1 || code !== 'UNAVAILABLE')
    return { outcome: 'other', retryAfterMs: OTHER_RETRY_MS, problem: `503 with Retry-After ${retryAfter} and code ${code}` };
  return { outcome: 'refused', retryAfterMs: seconds * 1000 };
}

async function ingestEvent(target: LoadTarget, item: Item, requestId: string): Promise<Answer> {
  const response = await fetch(new URL('/api/v1/events', target.gatewayUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': target.apiKey, 'x-request-id': requestId },
    body: JSON.stringify({
      events: [
        { idempotency_key: item.key, event_type: target.eventType, tool: target.tool, occurred_at: new Date().toISOString(), payload: {} },
      ],
    }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body = (await response.json().catch(() => null)) as {
    data?: { results?: { status: string; event: { id: string } | null }[] };
    error?: { code?: string; request_id?: string };
  } | null;
  const refused = refusal(response.status, response.headers.get('retry-after'), body?.error?.code);
  if (refused) return refused;
  const [result] = body?.data?.results ?? [];
  if (response.ok && result?.event && ['CREATED', 'DUPLICATE'].includes(result.status.toUpperCase()))
    return { outcome: 'acknowledged', id: result.event.id, retryAfterMs: 0 };
  return { outcome: 'other', retryAfterMs: OTHER_RETRY_MS, problem: `events ${response.status} ${JSON.stringify(body).slice(0, 300)}` };
}

async function startExecution(target: LoadTarget, item: Item, requestId: string): Promise<Answer> {
  const response = await fetch(new URL('/graphql', target.gatewayUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': target.apiKey, 'x-request-id': requestId },
    body: JSON.stringify({
      query: 'mutation Chaos($input: ExecuteWorkflowInput!) { executeWorkflow(input: $input) { execution { id } } }',
      variables: { input: { workflowId: target.workflowId, idempotencyKey: item.key, input: { key: item.key } } },
    }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body = (await response.json().catch(() => null)) as {
    data?: { executeWorkflow?: { execution: { id: string } } } | null;
    errors?: { extensions?: { code?: string } }[];
  } | null;
  const codes = new Set(body?.errors?.map((e) => e.extensions?.code));
  const refused = refusal(response.status, response.headers.get('retry-after'), codes.size === 1 ? [...codes][0] : undefined);
  if (refused) return refused;
  const id = body?.data?.executeWorkflow?.execution.id;
  if (response.ok && id && !body?.errors) return { outcome: 'acknowledged', id, retryAfterMs: 0 };
  return {
    outcome: 'other',
    retryAfterMs: OTHER_RETRY_MS,
    problem: `executeWorkflow ${response.status} ${JSON.stringify(body).slice(0, 300)}`,
  };
}

/** One phase's traffic: new items at a steady pace while running, and retries until each is acknowledged. */
export class ClientLoad {
  readonly items: Item[] = [];
  readonly counts = { sent: 0, acknowledged: 0, refused: 0, other: 0 };
  /** A few of the `other` answers, to say what went wrong. */
  readonly problems: string[] = [];
  /** The request id of every `other` answer, to find what the services logged about it. */
  readonly problemRequestIds: string[] = [];
  /** When each acknowledgement arrived (ms since epoch). */
  readonly acknowledgedAt: number[] = [];
  private sending: NodeJS.Timeout | undefined;
  private abandoned = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly target: LoadTarget,
    private readonly label: string,
  ) {}

  /** Every `everyMs`, one new event and one new execution. */
  start(everyMs: number): void {
    this.sending = setInterval(() => {
      for (const kind of ['event', 'execution'] as const) {
        const item: Item = { kind, key: `${this.label}-${kind}-${randomUUID()}` };
        this.items.push(item);
        this.track(this.send(item));
      }
    }, everyMs);
  }

  stopSending(): void {
    clearInterval(this.sending);
  }

  /** Stops sending and retrying (a phase that failed or timed out must not leave its timers running). */
  abandon(): void {
    this.stopSending();
    this.abandoned = true;
  }

  /** Resolves once every item is acknowledged; rejects after `timeoutMs` naming how many are not, and stops retrying. */
  async settled(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight.size > 0) {
      if (Date.now() > deadline) {
        this.abandon();
        const open = this.items.filter((i) => !i.id).length;
        throw new Error(`${open} of ${this.items.length} items still not acknowledged after ${timeoutMs} ms: ${this.problems.join('\n')}`);
      }
      await Promise.race([...this.inFlight, new Promise((resolve) => setTimeout(resolve, 200))]);
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Sends `item` until it is acknowledged, waiting as each answer says. */
  private async send(item: Item): Promise<void> {
    while (!this.abandoned) {
      this.counts.sent++;
      const requestId = randomUUID();
      const answer = await (
        item.kind === 'event' ? ingestEvent(this.target, item, requestId) : startExecution(this.target, item, requestId)
      ).catch((error: Error): Answer => ({
        outcome: 'other',
        retryAfterMs: OTHER_RETRY_MS,
        problem: `${item.kind}: ${error.name} ${String((error.cause as { code?: string } | undefined)?.code ?? error.message)}`,
      }));
      this.counts[answer.outcome]++;
      if (answer.outcome === 'acknowledged') {
        item.id = answer.id;
        this.acknowledgedAt.push(Date.now());
        return;
      }
      if (answer.outcome === 'other') this.problemRequestIds.push(requestId);
      if (answer.problem && this.problems.length < 5) this.problems.push(`${answer.problem} (request ${requestId})`);
      await new Promise((resolve) => setTimeout(resolve, answer.retryAfterMs));
    }
  }
}
