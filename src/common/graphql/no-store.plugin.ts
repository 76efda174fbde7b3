import type { ApolloServerPlugin } from '@apollo/server';

/**
 * `Cache-Control: no-store` on every GraphQL response, as Apollo's cache-control
 * plugin sent for our (never cacheable) results. That plugin is disabled: its
 * per-field hook makes Apollo wrap every resolver, a cost paid on each of the
 * thousands of fields of a devices page.
 */
export function noStore(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}
