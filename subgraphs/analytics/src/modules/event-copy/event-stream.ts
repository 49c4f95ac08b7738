/** Analytics' consumer group on Core's event stream, created from its start so the history is read once. */
export const ANALYTICS_CONSUMER_GROUP = 'analytics';
