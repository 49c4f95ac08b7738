/**
 * urql's document cache refetches a query when a mutation returns a type the query's result held.
 * An empty list holds only its connection type, so mutations that add to a list name it too.
 */
export const LIST_REFRESH = { additionalTypenames: ['WorkflowConnection'] };
export const EXECUTIONS_REFRESH = { additionalTypenames: ['ExecutionConnection'] };
/** A workflow's page without triggers holds no Trigger: adding one names Workflow so the page is fetched again. */
export const TRIGGERS_REFRESH = { additionalTypenames: ['Workflow'] };
