import { OnModuleInit } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { Authenticated, Principal } from '../../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../../common/authz/current-principal';
import { Permission } from '../../common/authz/roles';
import { DomainError, NotFoundError } from '../../common/errors/domain-error';
import { ConnectionArgs, ConnectionShape, toConnection } from '../../common/graphql/connection';
import { fromGlobalId } from '../../common/graphql/global-id';
import { NodeRegistry } from '../../common/graphql/node-registry';
import { runMutation, userErrorsOf } from '../../common/graphql/user-error';
import { encodeCursor } from '../../common/paging/cursor';
import { fingerprintOf, sortValuesOf } from '../../common/paging/keyset';
import { baseUrlOf } from '../../common/paging/list-response';
import { toListQuery } from '../../common/paging/list-query.parser';
import { validateInput } from '../../common/validation/validate-input';
import { StartSessionDto } from '../dto/start-session.dto';
import { RuleResult } from '../policy/policy.types';
import { SessionActionsService } from '../session-actions.service';
import { SESSION_FIELDS } from '../sessions.fields';
import { viewerUrlOf } from '../sessions.mapper';
import { SessionsService } from '../sessions.service';
import { toSessionObject } from './session.graphql-mapper';
import { CheckSessionPayload, EndSessionInput, EndSessionPayload, SessionConnection, SessionObject, StartSessionInput, StartSessionPayload } from './session.object';

const restId = (id: string) => fromGlobalId(id)?.type === 'Session' ? (fromGlobalId(id)?.id as string) : id;

@Resolver(() => SessionObject)
export class SessionsResolver implements OnModuleInit {
  constructor(private readonly service: SessionsService, private readonly actions: SessionActionsService, private readonly nodes: NodeRegistry) {}

  onModuleInit(): void {
    this.nodes.register('Session', async (id, caller) => this.actions.get(caller, id).then(toSessionObject, () => null));
  }

  @Query(() => SessionConnection, { description: 'Sessions on devices in your scope, newest first.' })
  @Authenticated(Permission.SessionsRead)
  async sessions(@Principal() caller: CurrentPrincipal, @Args() args: ConnectionArgs): Promise<ConnectionShape<SessionObject>> {
    const query = toListQuery({ top: args.first ?? 50, cursor: args.after }, SESSION_FIELDS, [{ field: 'createdAt', direction: 'desc' }]);
    const page = await this.actions.list(caller, {}, query);
    const fingerprint = fingerprintOf(query);
    return toConnection(page.items, page.nextCursor, page.items.length, toSessionObject, (s) => encodeCursor({ values: sortValuesOf(s, query), id: s.id, q: fingerprint }));
  }

  @Query(() => SessionObject, { nullable: true })
  @Authenticated(Permission.SessionsRead)
  session(@Principal() caller: CurrentPrincipal, @Args('id', { type: () => ID }) id: string): Promise<SessionObject | null> {
    return this.actions.get(caller, restId(id)).then(toSessionObject, (e: unknown) => (e instanceof NotFoundError ? null : Promise.reject(e)));
  }

  @Mutation(() => StartSessionPayload)
  @Authenticated()
  async startSession(@Principal() caller: CurrentPrincipal, @Args('input', { type: () => StartSessionInput }) input: Record<string, unknown>, @Context('req') req: Request): Promise<StartSessionPayload> {
    try {
      const { session, viewerTicket } = await this.service.start(caller, validateInput(StartSessionDto, { ...input, deviceId: restId(String(input.deviceId)), reason: input.reason ?? undefined }));
      return {
        session: toSessionObject(session),
        viewerTicket: viewerTicket?.ticket ?? null,
        viewerUrl: viewerTicket ? viewerUrlOf(baseUrlOf(req), session.id, viewerTicket.ticket, session.relayUrl) : null,
        rules: [],
        userErrors: [],
      };
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'unauthorized') throw error;
      return { session: null, viewerTicket: null, viewerUrl: null, rules: (error.extra.rules as RuleResult[] | undefined) ?? [], userErrors: userErrorsOf(error) };
    }
  }

  @Mutation(() => CheckSessionPayload, { description: 'The policy verdict, rule by rule, creating nothing.' })
  @Authenticated()
  async checkSession(@Principal() caller: CurrentPrincipal, @Args('input', { type: () => StartSessionInput }) input: Record<string, unknown>): Promise<CheckSessionPayload> {
    try {
      const { verdict, sourceClientSettingsId } = await this.service.check(caller, validateInput(StartSessionDto, { ...input, deviceId: restId(String(input.deviceId)), reason: input.reason ?? undefined }));
      return { allowed: verdict.allowed, reason: verdict.reason, consentRequired: verdict.consentRequired, rules: verdict.rules, sourceClientSettingsId, userErrors: verdict.reason ? [{ field: null, code: verdict.reason, message: verdict.rules.find((r) => !r.passed)?.detail ?? verdict.reason }] : [] };
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'unauthorized') throw error;
      return { allowed: false, reason: error.code, consentRequired: false, rules: [], sourceClientSettingsId: null, userErrors: userErrorsOf(error) };
    }
  }

  @Mutation(() => EndSessionPayload)
  @Authenticated(Permission.SessionsStart)
  endSession(@Principal() caller: CurrentPrincipal, @Args('input', { type: () => EndSessionInput }) input: Record<string, unknown>) {
    return runMutation('session', async () => toSessionObject(await this.actions.end(caller, restId(String(input.id)))));
  }
}
