import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock/clock';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.types';
import { StartSessionDto } from './dto/start-session.dto';
import { evaluateSessionPolicy } from './policy/session-policy';
import { RelayNodesService } from './relay-nodes/relay-nodes.service';
import { OFFER_CHANNEL } from './session-states';
import { SessionEntity } from './session.entity';
import { SessionLifecycleService } from './session-lifecycle.service';
import { PolicyOutcome, SessionPolicyService } from './session-policy.service';
import { policyDenied } from './sessions.errors';
import { SessionsRepository } from './sessions.repository';
import { TicketsService } from './tickets/tickets.service';
import type { SignedTicket } from './tickets/ticket.types';

export interface StartedSession {
  session: SessionEntity;
  viewerTicket?: SignedTicket;
}

const UNIQUE_VIOLATION = '23505';

/** Starting sessions: policy, the session row, its audit record and (without consent) the viewer ticket, in one transaction. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: SessionPolicyService,
    private readonly repository: SessionsRepository,
    private readonly relayNodes: RelayNodesService,
    private readonly tickets: TicketsService,
    private readonly lifecycle: SessionLifecycleService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The verdict POST /sessions would reach, without creating anything. */
  check(caller: CurrentPrincipal, input: StartSessionDto): Promise<PolicyOutcome> {
    return this.dataSource.transaction((tx) => this.policy.evaluate(caller, input.deviceId, input, tx));
  }

  async start(caller: CurrentPrincipal, input: StartSessionDto): Promise<StartedSession> {
    let outcome: PolicyOutcome | undefined;
    try {
      const result = await this.dataSource.transaction(async (tx) => {
        // No device lock: concurrent full-control requests race to the partial unique index, and exactly one wins.
        outcome = await this.policy.evaluate(caller, input.deviceId, input, tx);
        if (!outcome.verdict.allowed) {
          await this.recordDenial(tx, caller, input, outcome);
          return { denied: outcome };
        }
        return { started: await this.create(tx, caller, input, outcome) };
      });
      if (result.denied) throw policyDenied(result.denied.verdict);
      return result.started as StartedSession;
    } catch (error) {
      // The partial unique index is the last line: a concurrent full-control session won.
      if (error instanceof QueryFailedError && (error.driverError as { code?: string })?.code === UNIQUE_VIOLATION && outcome) {
        const busy = { ...outcome, verdict: evaluateSessionPolicy({ name: caller.name, groups: caller.groups, mayStartSessions: true }, { joinType: outcome.device.joinType, currentUser: outcome.device.currentUser, localAdministrators: outcome.device.localAdministrators, online: true, hasFullControlSession: true }, outcome.verdict.settings, input) };
        await this.dataSource.transaction((tx) => this.recordDenial(tx, caller, input, busy));
        throw policyDenied(busy.verdict);
      }
      throw error;
    }
  }

  private async create(tx: EntityManager, caller: CurrentPrincipal, input: StartSessionDto, outcome: PolicyOutcome): Promise<StartedSession> {
    const relay = await this.relayNodes.assign(tx);
    const now = this.clock.now();
    const consent = outcome.verdict.consentRequired;
    const id = randomUUID();
    // Without consent the viewer ticket is signed first, so the session row is written with its join deadline.
    const viewerTicket = consent ? undefined : await this.tickets.sign({ id, deviceId: outcome.device.id, type: input.type, accessLevel: input.accessLevel }, 'viewer');
    const session = await this.repository.insert(tx, {
      id,
      deviceId: outcome.device.id,
      type: input.type,
      accessLevel: input.accessLevel,
      viewer: caller.name,
      viewerPrincipalId: caller.id,
      state: consent ? 'awaitingConsent' : 'ready',
      endReason: null,
      reason: input.reason ?? null,
      consentRequired: consent,
      consentDeadline: consent ? new Date(now.getTime() + this.config.consentTimeoutSeconds * 1000) : null,
      joinDeadline: viewerTicket?.expiresAt ?? null,
      maxEndAt: new Date(now.getTime() + this.config.sessionMaxSeconds * 1000),
      relayNodeId: relay.relayNodeId,
      relayUrl: relay.relayUrl,
      consentedAt: null,
      startedAt: null,
      endedAt: null,
    });
    await this.audit.record(tx, {
      type: 'sessionRequested',
      actor: caller.name,
      sessionId: session.id,
      deviceId: session.deviceId,
      details: { type: input.type, accessLevel: input.accessLevel, reason: input.reason ?? null, consentRequired: consent, sourceClientSettingsId: outcome.sourceClientSettingsId, relayNodeId: relay.relayNodeId },
    });
    if (viewerTicket) await this.tickets.record(tx, session, 'viewer', viewerTicket, caller.name);
    await this.lifecycle.notify(tx, session.id, session.state, undefined, [OFFER_CHANNEL, session.deviceId]);
    return { session, viewerTicket };
  }

  mintViewerTicket(tx: EntityManager, session: SessionEntity, actor: string): Promise<SignedTicket> {
    return this.tickets.mint(tx, session, 'viewer', actor, { extendJoinDeadline: true });
  }

  private async recordDenial(tx: EntityManager, caller: CurrentPrincipal, input: StartSessionDto, outcome: PolicyOutcome): Promise<void> {
    await this.audit.record(tx, {
      type: 'sessionDenied',
      actor: caller.name,
      deviceId: outcome.device.id,
      details: { reason: outcome.verdict.reason, type: input.type, accessLevel: input.accessLevel, requestReason: input.reason ?? null, failedRules: outcome.verdict.rules.filter((r) => !r.passed) },
    });
  }
}
