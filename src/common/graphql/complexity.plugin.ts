import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, GraphQLError, GraphQLSchema, isLeafType } from 'graphql';
import { ComplexityEstimator, fieldExtensionsEstimator, getComplexity } from 'graphql-query-complexity';

/**
 * What an operation costs: the objects (rows) it can return, as GitHub's
 * GraphQL API counts nodes. A page of `first: n` costs 1 + n × what one of
 * its nodes costs; any other object field costs 1 + its selection; scalar
 * and enum fields are free, being columns of an object already paid for.
 * Nested pages resolve through per-request DataLoaders (one statement for
 * all parents), so `devices(first: 100) { nodes { collections(first: 20) … } }`
 * costs its 100 + 2,000 objects, not 100 × 20 × every scalar selected.
 * Output size stays bounded: a type's fields appear once per selection
 * unless aliased, and aliases are limited.
 */
export const objectCountEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (isLeafType(getNamedType(field.type))) return 0;
  const size = typeof args.first === 'number' ? args.first : undefined;
  return size !== undefined ? 1 + size * Math.max(childComplexity, 1) : 1 + childComplexity;
};

/** Refuses operations whose estimated cost is over `max` (see objectCountEstimator). */
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
            estimators: [fieldExtensionsEstimator(), objectCountEstimator],
          });
          if (complexity > max) {
            throw new GraphQLError(`The query costs ${complexity}; the limit is ${max}.`, { extensions: { code: 'queryTooComplex' } });
          }
        },
      };
    },
  };
}
