import type { EntityManager } from '@mikro-orm/postgresql';
import { PolicyAcceptanceEntity, type PolicyAcceptance } from './policy-acceptance.entity';

/** Policy acceptances. RLS shows a person their own only: the request must be scoped to the user. */
export class PolicyAcceptanceRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(row: PolicyAcceptance): Promise<PolicyAcceptance> {
    this.em.create(PolicyAcceptanceEntity, row);
    await this.em.flush();
    return row;
  }

  /** What the user accepted last; null when they have accepted nothing. */
  latestForUser(userId: string): Promise<PolicyAcceptance | null> {
    return this.em.findOne(PolicyAcceptanceEntity, { userId }, { orderBy: { acceptedAt: 'desc', id: 'desc' } });
  }

  /** Every acceptance of the user, oldest first: their consent history (the data export lists it). */
  listForUser(userId: string): Promise<PolicyAcceptance[]> {
    return this.em.find(PolicyAcceptanceEntity, { userId }, { orderBy: { acceptedAt: 'asc', id: 'asc' } });
  }
}
