import { forbidden, notFound, unauthenticated, validationError, type FieldError } from '@flowgraph/kernel';

export const apiKeyNotFound = () => notFound('API key');
export const invalidApiKey = () => unauthenticated('Invalid, revoked or expired API key');
export const roleAboveCreator = () => forbidden('An API key cannot have a higher role than its creator');
export const keysCannotMintKeys = () => forbidden('API keys cannot manage API keys');
export const invalidApiKeyInput = (details: FieldError[]) => validationError(details);
