import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A person accepted these versions of the privacy policy and terms of service at `acceptedAt`. */
export const PolicyAcceptanceEntity = defineEntity({
  name: 'PolicyAcceptance',
  tableName: 'core.policy_acceptances',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid(),
    privacyPolicyVersion: p.text(),
    termsOfServiceVersion: p.text(),
    acceptedAt: p.datetime(3),
    ip: p.text().nullable(),
    userAgent: p.text().nullable(),
  },
});

export type PolicyAcceptance = InferEntity<typeof PolicyAcceptanceEntity>;
