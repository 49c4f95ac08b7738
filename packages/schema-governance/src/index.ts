export { runSchemaCheck, type CheckOptions } from './check';
export { renderMarkdown } from './report/markdown';
export { operationUsage, type Usage } from './usage';
export type * from './types';
