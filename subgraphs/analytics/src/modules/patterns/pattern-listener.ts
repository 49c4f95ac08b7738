import type { EntityManager } from '@mikro-orm/postgresql';
import type { Pattern } from './pattern.entity';
export interface PatternsUpdated {
  orgId: string;
  userId: string;
  em: EntityManager /* the scoped tx */;
  patterns: Pattern[] /* the user's active patterns after this mining */;
  now: Date;
}
/** Called inside the miner's transaction; returns work to do after commit (e.g. publishing). */
export type PatternListener = (update: PatternsUpdated) => Promise<(() => Promise<void>) | void>;
