export * from './audit-entry';
export * from './audit-outbox';
export * from './audit-relay';
export * from './audited-mutations';
export * from './audit-pseudonyms';
