import { notFound, validationError, type FieldError } from '@flowgraph/kernel';

export const invitationNotFound = () => notFound('Invitation');
/** One answer for a token that is unknown, used, revoked, expired or sent to another email: it tells a holder nothing. */
export const invalidInvitation = () => notFound('Invitation for this email address');
export const invalidInvitationInput = (details: FieldError[]) => validationError(details);
