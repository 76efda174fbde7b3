import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { AuditService } from '../../audit/audit.service';
import { Authenticated, Principal } from '../../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../../common/authz/current-principal';
import { Permission } from '../../common/authz/roles';
import { fromGlobalId } from '../../common/graphql/global-id';
import { SessionActionsService } from '../session-actions.service';
import { SessionEvents } from '../session-events';
import { toSessionObject } from './session.graphql-mapper';
import { AuditRecordFilter, AuditRecordObject, SessionObject } from './session.object';

/** Wraps a generator so unsubscribing aborts its pending wait at once instead of at the next event. */
function abortable<T>(generator: AsyncGenerator<T>, controller: AbortController): AsyncIterableIterator<T> {
  return {
    next: () => generator.next(),
    return: async (value?: unknown) => {
      controller.abort();
      return generator.return(value as T);
    },
    throw: (error?: unknown) => generator.throw(error),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

const isAbort = (error: unknown) => (error as { name?: string })?.name === 'AbortError';

/** GraphQL subscriptions over graphql-transport-ws; events come from any node through NOTIFY. */
@Resolver()
export class SubscriptionsResolver {
  constructor(private readonly events: SessionEvents, private readonly actions: SessionActionsService, private readonly audit: AuditService) {}

  @Subscription(() => SessionObject, { description: 'Every state change of one session (in your scope) until it ends.' })
  @Authenticated(Permission.SessionsRead)
  async sessionUpdated(@Principal() caller: CurrentPrincipal, @Args('id', { type: () => ID }) id: string): Promise<AsyncIterableIterator<{ sessionUpdated: SessionObject }>> {
    const parsed = fromGlobalId(id);
    const sessionId = parsed?.type === 'Session' ? parsed.id : id;
    await this.actions.get(caller, sessionId);
    const controller = new AbortController();
    const signals = await this.events.sessions(controller.signal);
    const actions = this.actions;
    async function* updates() {
      try {
        for await (const [signal] of signals) {
          if (signal.id !== sessionId) continue;
          const session = await actions.get(caller, sessionId);
          yield { sessionUpdated: toSessionObject(session) };
          if (session.state === 'ended') return;
        }
      } catch (error) {
        if (!isAbort(error)) throw error;
      }
    }
    return abortable(updates(), controller);
  }

  @Subscription(() => AuditRecordObject, { description: 'New audit records you may read, optionally filtered.' })
  @Authenticated(Permission.AuditRead)
  async auditRecordAdded(@Principal() caller: CurrentPrincipal, @Args('filter', { type: () => AuditRecordFilter, nullable: true }) filter: AuditRecordFilter | null): Promise<AsyncIterableIterator<{ auditRecordAdded: AuditRecordObject }>> {
    const controller = new AbortController();
    const seqs = await this.events.auditSeqs(controller.signal);
    const audit = this.audit;
    async function* records() {
      try {
        for await (const [seq] of seqs) {
          // Visibility rules are the REST ones: get() answers 404 for what the caller may not read.
          const record = await audit.get(caller, seq).catch(() => null);
          if (!record) continue;
          if (filter?.types?.length && !filter.types.includes(record.type)) continue;
          if (filter?.deviceId && record.deviceId !== filter.deviceId) continue;
          if (filter?.sessionId && record.sessionId !== filter.sessionId) continue;
          yield { auditRecordAdded: { seq: record.seq, occurredAt: record.occurredAt, type: record.type, actor: record.actor, sessionId: record.sessionId, deviceId: record.deviceId, details: JSON.stringify(record.details), hash: record.hash } };
        }
      } catch (error) {
        if (!isAbort(error)) throw error;
      }
    }
    return abortable(records(), controller);
  }
}
