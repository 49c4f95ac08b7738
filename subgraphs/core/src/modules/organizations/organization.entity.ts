import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A tenant; `eventRetentionDays` drives the events retention job. */
export const OrganizationEntity = defineEntity({
  name: 'Organization',
  tableName: 'core.organizations',
  properties: {
    id: p.uuid().primary(),
    name: p.text(),
    eventRetentionDays: p.integer(),
    createdAt: p.datetime(3),
  },
});

export type Organization = InferEntity<typeof OrganizationEntity>;
