import { forbidden, validationError } from '@flowgraph/kernel';

export const MAX_ORGANIZATION_NAME = 200;
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;

export const invalidOrganizationName = () =>
  validationError([{ field: 'name', message: `Must be 1 to ${MAX_ORGANIZATION_NAME} characters` }]);
export const invalidRetention = () =>
  validationError([{ field: 'eventRetentionDays', message: `Must be a whole number from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}` }]);
export const notCurrentOrganization = () => forbidden('Switch to this organization first');
