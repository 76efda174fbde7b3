import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request } from 'express';
import type { IncomingMessage } from 'node:http';
import { ProxyTrust } from '../common/http/proxy-trust';
import { subscriptionRequest } from './subscription-request';
import { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { aliasLimit } from '../common/graphql/alias-limit.rule';
import { complexityLimit } from '../common/graphql/complexity.plugin';
import { depthLimit } from '../common/graphql/depth-limit.rule';
import { noStore } from '../common/graphql/no-store.plugin';

export const GRAPHQL_PATH = '/graphql';
/** GraphQL over HTTP and its subscriptions (graphql-ws upgrades), whatever the query string. */
export const isGraphqlPath = (url: string | undefined): boolean => (url ?? '').split('?', 1)[0] === GRAPHQL_PATH;

export const GRAPHQL_MAX_DEPTH = 12;
export const GRAPHQL_MAX_COMPLEXITY = 5000;
export const GRAPHQL_MAX_ALIASES = 30;
/** Operations in one array-batched POST (graphqlBatchLimit in app.factory refuses more). */
export const GRAPHQL_MAX_BATCH = 10;

/** Apollo (the successor of apollo-server-express) behind Nest, code-first, with limits. */
export function graphqlConfig(trust: ProxyTrust): ApolloDriverConfig {
  let schema: GraphQLSchema | undefined;
  return {
    path: GRAPHQL_PATH,
    autoSchemaFile: true,
    sortSchema: true,
    playground: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    context: (arg: { req?: Request; connectionParams?: Record<string, unknown>; extra?: { request?: IncomingMessage } }) =>
      arg.req ? { req: arg.req } : { req: subscriptionRequest(arg.connectionParams, arg.extra?.request, trust) },
    subscriptions: { 'graphql-ws': { path: GRAPHQL_PATH } },
    transformSchema: (built: GraphQLSchema) => {
      schema = built;
      return built;
    },
    allowBatchedHttpRequests: true,
    // The exception filter also serves @ResolveField resolvers (a nested list's bad `first`, a lost
    // database): else Apollo sees the raw error and answers internalError, and nothing logs it.
    fieldResolverEnhancers: ['filters'],
    validationRules: [depthLimit(GRAPHQL_MAX_DEPTH), aliasLimit(GRAPHQL_MAX_ALIASES)],
    plugins: [complexityLimit(() => schema as GraphQLSchema, GRAPHQL_MAX_COMPLEXITY), ApolloServerPluginCacheControlDisabled(), noStore()],
    formatError: (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
      let code = formatted.extensions?.code;
      if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
        return { message: 'An unexpected error occurred.', path: formatted.path, extensions: { code: 'internalError' } };
      }
      // Apollo rewrites a validation rule's code to GRAPHQL_VALIDATION_FAILED; keep ours (queryTooDeep, tooManyAliases).
      const ruleCode = (error as { originalError?: { extensions?: Record<string, unknown> } } | null)?.originalError?.extensions?.code;
      if (code === 'GRAPHQL_VALIDATION_FAILED' && typeof ruleCode === 'string') code = ruleCode;
      const { message, locations, path, extensions } = formatted;
      const { stacktrace: _omit, ...rest } = (extensions ?? {}) as Record<string, unknown>;
      return { message, locations, path, extensions: { ...rest, code } };
    },
  };
}
