import { forbidden, notFound, unauthenticated, validationError, type FieldError } from '@flowgraph/kernel';

/** One message for a wrong email and a wrong password, so accounts cannot be discovered. */
export const invalidCredentials = () => unauthenticated('Invalid email or password');
export const invalidRefreshToken = () => unauthenticated('Invalid or expired refresh token');
export const sessionRequired = () => forbidden('This needs a logged-in session (not an API key)');
export const noOrganization = () => forbidden('You are not a member of this organization');
export const sessionNotFound = () => notFound('Session');
export const invalidSignUp = (details: FieldError[]) => validationError(details);
