import { randomBytes, randomUUID } from 'node:crypto';
import { requireRole, type FieldError, type Identity, type MemberIdentity, type Role } from '@flowgraph/kernel';
import { roleRank } from '../../role.mapper';
import { randomSecret, sha256 } from '../../secrets';
import type { AuditService } from '../audit/audit.service';
import type { ApiKey } from './api-key.entity';
import { apiKeyNotFound, invalidApiKeyInput, keysCannotMintKeys, roleAboveCreator } from './api-key.errors';
import type { ApiKeyRepository } from './api-key.repository';
import { API_KEY_SCOPES, isApiKeyScope } from './api-key.scopes';

export interface NewApiKeyInput {
  name: string;
  scopes: string[];
  role?: Role | null;
  expiresAt?: Date | string | null;
  /** Binds the key to a client application's trusted documents (see CLIENT_NAME). */
  clientName?: string | null;
}

/** A client name as it appears in `clients/<name>/` at the gateway: a lowercase slug. */
export const CLIENT_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export class ApiKeyService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly audit: AuditService,
  ) {}

  async create(identity: Identity, input: NewApiKeyInput): Promise<{ apiKey: ApiKey; secret: string }> {
    const caller = this.admin(identity);
    const role = input.role ?? 'member';
    if (roleRank(role) > roleRank(caller.role)) throw roleAboveCreator();
    const { name, scopes, expiresAt, clientName } = checkInput(input);
    const prefix = `fg_${randomBytes(4).toString('hex')}`;
    const secret = `${prefix}_${randomSecret()}`;
    const apiKey = this.keys.create({
      id: randomUUID(),
      orgId: caller.orgId,
      createdBy: caller.userId,
      name,
      prefix,
      secretHash: sha256(secret),
      scopes,
      role,
      expiresAt,
      clientName,
    });
    await this.keys.flush();
    await this.record(caller, 'api_key.created', apiKey, { name, role, scopes, clientName });
    return { apiKey, secret };
  }

  list(identity: Identity): Promise<ApiKey[]> {
    return this.keys.listByOrg(this.admin(identity).orgId);
  }

  async revoke(identity: Identity, id: string): Promise<ApiKey> {
    const caller = this.admin(identity);
    const apiKey = await this.keys.findInOrg(caller.orgId, id);
    if (!apiKey) throw apiKeyNotFound();
    if (apiKey.revokedAt) return apiKey;
    apiKey.revokedAt = new Date();
    await this.keys.flush();
    await this.record(caller, 'api_key.revoked', apiKey, { name: apiKey.name });
    return apiKey;
  }

  /** Managing keys is for people: admins on a logged-in session, not other keys. */
  private admin(identity: Identity): MemberIdentity {
    const caller = requireRole(identity, 'admin');
    if (caller.authMethod === 'api_key') throw keysCannotMintKeys();
    return caller;
  }

  private record(caller: MemberIdentity, action: string, apiKey: ApiKey, metadata: Record<string, unknown>) {
    return this.audit.record({
      orgId: caller.orgId,
      actorId: caller.userId,
      action,
      targetType: 'api_key',
      targetId: apiKey.id,
      ip: caller.ip,
      metadata,
    });
  }
}

function checkInput(input: NewApiKeyInput): { name: string; scopes: string[]; expiresAt: Date | null; clientName: string | null } {
  const details: FieldError[] = [];
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) details.push({ field: 'name', message: 'Must be 1 to 100 characters' });
  const scopes = [...new Set(input.scopes)];
  const unknown = scopes.filter((s) => !isApiKeyScope(s));
  if (unknown.length > 0) {
    details.push({ field: 'scopes', message: `Unknown scopes ${unknown.slice(0, 5).join(', ')}; allowed: ${API_KEY_SCOPES.join(', ')}` });
  }
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && !(expiresAt.getTime() > Date.now())) details.push({ field: 'expiresAt', message: 'Must be in the future' });
  const clientName = input.clientName ?? null;
  if (clientName !== null && !CLIENT_NAME.test(clientName)) {
    details.push({ field: 'clientName', message: 'Must be 1 to 63 lowercase letters, digits or dashes, not starting with a dash' });
  }
  if (details.length > 0) throw invalidApiKeyInput(details);
  return { name, scopes, expiresAt, clientName };
}
