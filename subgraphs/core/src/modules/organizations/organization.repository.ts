import type { EntityManager } from '@mikro-orm/postgresql';
import { validUuids } from '@flowgraph/kernel';
import { OrganizationEntity, type Organization } from './organization.entity';

/** Organization queries. RLS shows the current organization and those the caller belongs to. */
export class OrganizationRepository {
  constructor(private readonly em: EntityManager) {}

  findByIds(ids: readonly string[]): Promise<Organization[]> {
    const valid = validUuids(ids);
    return valid.length === 0 ? Promise.resolve([]) : this.em.find(OrganizationEntity, { id: { $in: valid } });
  }

  findById(id: string): Promise<Organization | null> {
    return this.em.findOne(OrganizationEntity, { id });
  }

  create(input: { id: string; name: string }): Organization {
    return this.em.create(OrganizationEntity, { ...input, eventRetentionDays: 90, createdAt: new Date() });
  }

  flush(): Promise<void> {
    return this.em.flush();
  }
}
