import { mapExchange, type Exchange } from 'urql';

/**
 * Calls `onRequired` when the gateway answers CONSENT_REQUIRED: the signed-in person has not
 * accepted the privacy policy and terms in force (the app then shows the page to accept them).
 */
export function consentExchange(onRequired: () => void): Exchange {
  return mapExchange({
    onError(error) {
      if (error.graphQLErrors.some((e) => e.extensions?.code === 'CONSENT_REQUIRED')) onRequired();
    },
  });
}
