import { isUuid, paginate, requireRole, type Connection, type Identity, type PageArgs } from '@flowgraph/kernel';
import type { Pattern } from './pattern.entity';
import type { PatternLoaders } from './pattern.loaders';
import type { PatternPosition, PatternRepository } from './pattern.repository';

/** Reading patterns; only the miner (worker) writes them. */
export class PatternService {
  constructor(
    private readonly repository: PatternRepository,
    private readonly loaders: PatternLoaders,
  ) {}

  /** Query.pattern and Pattern references: one pattern, batched with the request's other lookups. */
  byId(identity: Identity, id: string): Promise<Pattern | null> {
    requireRole(identity, 'viewer', 'patterns:read');
    return this.loaders.byId.load(id);
  }

  /** User.patterns: a user's active patterns by support; the first page of every user in one query. */
  listForUser(identity: Identity, userId: string, args: PageArgs): Promise<Connection<Pattern>> {
    requireRole(identity, 'viewer', 'patterns:read');
    return paginate(args, {
      order: 'patterns:SUPPORT:DESC',
      keyOf: (pattern) => [pattern.support, pattern.id],
      position: ([support, id, ...rest]): PatternPosition | null =>
        rest.length === 0 && typeof support === 'number' && typeof id === 'string' && isUuid(id) ? { support, id } : null,
      firstRows: (count) => this.loaders.firstPageByUser(count).load(userId),
      rowsAfter: (count, position) => this.repository.pageByUser(userId, count, position),
    });
  }
}
