import { conflict, forbidden, notFound } from '@flowgraph/kernel';

export const suggestionNotFound = () => notFound('Suggestion');
export const notYourSuggestion = () => forbidden("Only the suggestion's own user or an admin may do this");
export const suggestionAlreadyAccepted = () =>
  conflict('The suggestion is accepted: its workflow exists, so it can no longer be dismissed');
