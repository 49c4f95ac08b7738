export * from './event-stream';
export * from './core-events';
export * from './api-key-verify';
export * from './workflow-activity';
export * from './integration-actions';
export * from './policy-consent';
export * from './data-subject';
