import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** Refuses operations whose estimated cost is over `max` (a list field counts as its page size). */
export function complexityLimit(schemaOf: () => GraphQLSchema, max: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const complexity = getComplexity({
            schema: schemaOf(),
            operationName: request.operationName,
            query: document,
            variables: request.variables ?? {},
            estimators: [
              fieldExtensionsEstimator(),
              ({ args, childComplexity }) => {
                const size = typeof args.first === 'number' ? args.first : undefined;
                return size !== undefined ? 1 + size * Math.max(childComplexity, 1) : undefined;
              },
              simpleEstimator({ defaultComplexity: 1 }),
            ],
          });
          if (complexity > max) {
            throw new GraphQLError(`The query costs ${complexity}; the limit is ${max}.`, { extensions: { code: 'queryTooComplex' } });
          }
        },
      };
    },
  };
}
