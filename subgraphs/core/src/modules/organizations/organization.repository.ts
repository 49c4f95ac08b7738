import type { EntityManager } from '@mikro-orm/postgresql';
import { validUuids } from '@flowgraph/kernel';
import { OrganizationEntity, type Organization } from './organization.entity';
import { organizationFromRow, type OrganizationRow } from './organization.row';

/**
 * Organization queries. RLS shows the current organization and those the caller belongs to.
 * Lookups by id return plain objects (`organizationFromRow`) in the request's transaction;
 * `findById` returns the entity that `updateOrganization` changes.
 */
export class OrganizationRepository {
  constructor(private readonly em: EntityManager) {}

  async findByIds(ids: readonly string[]): Promise<Organization[]> {
    const valid = validUuids(ids);
    if (valid.length === 0) return [];
    const rows = await this.em.execute<OrganizationRow[]>('select * from core.organizations where id in (?)', [valid]);
    return rows.map((row) => organizationFromRow(row, this.em.getPlatform()));
  }

  /** The entity to change (updateOrganization). */
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
