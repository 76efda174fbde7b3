export const ALL_SYSTEMS_ID = 'all-systems';
export const ALL_SYSTEMS_NAME = 'All Systems';

export const RULE_TYPES = ['direct', 'query', 'include', 'exclude'] as const;
export type RuleType = (typeof RULE_TYPES)[number];

/** Collection ids: `all-systems`, or the lower-case UUID strings rcgate mints. */
export const COLLECTION_ID = /^(all-systems|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
