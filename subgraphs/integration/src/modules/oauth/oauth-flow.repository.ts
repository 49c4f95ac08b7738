import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/** A flow as the callback takes it (the row is gone once taken). */
export interface TakenFlow {
  id: string;
  orgId: string;
  userId: string;
  integrationId: string;
  connector: string;
  /** Ciphertext, bound to the flow id. */
  codeVerifier: string;
  browserSecretHash: string;
  expiresAt: Date;
}

export type OpenOutcome =
  { outcome: 'opened'; connector: string; codeVerifier: string } | { outcome: 'unknown' | 'already_opened' | 'expired' };

/** SHA-256 (hex) of a random value: enough to find and compare it, useless to replay it. */
export const hashOf = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * OAuth flows in progress. Starting one runs in the admin's organization scope (row-level
 * security); the browser's visits have no scope and go through the two owner functions of the
 * migration, which open a flow once and take it by its state once.
 */
export class OAuthFlowRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(flow: {
    id: string;
    orgId: string;
    userId: string;
    integrationId: string;
    connector: string;
    codeVerifier: string;
    expiresAt: Date;
  }) {
    await this.em.execute(
      `insert into integration.oauth_flows (id, org_id, user_id, integration_id, connector, code_verifier, expires_at) values (?, ?, ?, ?, ?, ?, ?)`,
      [flow.id, flow.orgId, flow.userId, flow.integrationId, flow.connector, flow.codeVerifier, flow.expiresAt],
    );
  }

  async open(flowId: string, state: string, browserSecret: string): Promise<OpenOutcome> {
    const [row] = await this.em.execute<{ outcome: OpenOutcome['outcome']; connector: string | null; code_verifier: string | null }[]>(
      'select * from integration.open_oauth_flow(?, ?, ?)',
      [flowId, hashOf(state), hashOf(browserSecret)],
    );
    if (row.outcome !== 'opened') return { outcome: row.outcome };
    return { outcome: 'opened', connector: row.connector!, codeVerifier: row.code_verifier! };
  }

  async take(state: string): Promise<TakenFlow | null> {
    const [row] = await this.em.execute<
      {
        id: string;
        org_id: string;
        user_id: string;
        integration_id: string;
        connector: string;
        code_verifier: string;
        browser_secret_hash: string;
        expires_at: Date;
      }[]
    >('select * from integration.take_oauth_flow(?)', [hashOf(state)]);
    if (!row) return null;
    return {
      id: row.id,
      orgId: row.org_id,
      userId: row.user_id,
      integrationId: row.integration_id,
      connector: row.connector,
      codeVerifier: row.code_verifier,
      browserSecretHash: row.browser_secret_hash,
      expiresAt: new Date(row.expires_at),
    };
  }
}
