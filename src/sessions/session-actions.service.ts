import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { hasPermission, Permission } from '../common/authz/roles';
import { ForbiddenError, NotFoundError } from '../common/errors/domain-error';
import { ListQuery, Page } from '../common/paging/list-query';
import { DeviceScope } from '../devices/device-scope';
import { SessionEntity } from './session.entity';
import { SessionLifecycleService } from './session-lifecycle.service';
import { SessionStateError } from './sessions.errors';
import { SessionCriteria, SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import type { SignedTicket } from './tickets/ticket.types';
import { UUID } from '../common/validation/uuid';


/** Reading sessions in scope, fetching the viewer ticket after consent, ending. */
@Injectable()
export class SessionActionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: SessionsRepository,
    private readonly scope: DeviceScope,
    private readonly sessions: SessionsService,
    private readonly lifecycle: SessionLifecycleService,
  ) {}

  list(caller: CurrentPrincipal, criteria: SessionCriteria, query: ListQuery): Promise<Page<SessionEntity>> {
    return this.repository.list(this.scope.conditionFor(caller, 's.device_id'), criteria, query);
  }

  async get(caller: CurrentPrincipal, id: string): Promise<SessionEntity> {
    const session = UUID.test(id) ? await this.repository.findVisible(id, this.scope.conditionFor(caller, 's.device_id')) : null;
    if (!session) throw new NotFoundError('Session', id);
    return session;
  }

  /** Only the session's own viewer gets a viewer ticket, and only once consent is in. */
  viewerTicket(caller: CurrentPrincipal, id: string): Promise<{ session: SessionEntity; ticket: SignedTicket }> {
    return this.dataSource.transaction(async (tx) => {
      const session = UUID.test(id) ? await this.repository.findVisible(id, this.scope.conditionFor(caller, 's.device_id'), tx, true) : null;
      if (!session) throw new NotFoundError('Session', id);
      if (session.viewerPrincipalId !== caller.id) throw new ForbiddenError('Only the operator who started the session may join it as its viewer.', 'notSessionViewer');
      if (session.state === 'awaitingConsent') throw new SessionStateError('The logged-on user has not answered yet; retry after consent.');
      if (session.state !== 'ready') throw new SessionStateError(`The session is ${session.state}${session.endReason ? ` (${session.endReason})` : ''}.`);
      return { session, ticket: await this.sessions.mintViewerTicket(tx, session, caller.name) };
    });
  }

  /** Its viewer may end a session; ending anyone's needs sessions:endAny. */
  async end(caller: CurrentPrincipal, id: string): Promise<SessionEntity> {
    const session = await this.get(caller, id);
    if (session.viewerPrincipalId !== caller.id && !hasPermission(caller.role, Permission.SessionsEndAny)) {
      throw new ForbiddenError('You may end only your own sessions.');
    }
    await this.lifecycle.end(session.id, 'endedByAdministrator', caller.name);
    return this.get(caller, id);
  }
}
