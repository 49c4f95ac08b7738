import { conflict, notFound, validationError } from '@flowgraph/kernel';

export const workflowNotFound = () => notFound('Workflow');
export const workflowDeleted = () => conflict('The workflow is deleted; restore it first');
export const idempotencyKeyReused = (key: string, workflowId: string) =>
  conflict(
    `idempotencyKey "${key}" already created workflow ${workflowId} from another template or other parameters; ` +
      'repeat a request with the same templateId and parameters, or use a new key',
  );
export const noSuchVersion = (field: string, version: number, latest: number) =>
  validationError([{ field, message: `No version ${version}; versions are 1 to ${latest}` }]);
export const notAnEarlierVersion = (version: number, live: number | null) =>
  validationError([
    {
      field: 'toVersion',
      message:
        live === null
          ? 'Nothing is published yet: publish a version first'
          : `Must be earlier than the live version ${live} (got ${version})`,
    },
  ]);
export const nothingPublished = () => validationError([{ field: 'active', message: 'Publish a version before activating the workflow' }]);
