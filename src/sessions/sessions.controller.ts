import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, Principal } from '../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { Permission } from '../common/authz/roles';
import { toListQuery } from '../common/paging/list-query.parser';
import { baseUrlOf, listEnvelope } from '../common/paging/list-response';
import { SessionsQueryDto } from './dto/sessions-query.dto';
import { StartSessionDto } from './dto/start-session.dto';
import { SessionCheckModel, SessionList, SessionModel, StartedSessionModel, ViewerTicketModel } from './models/session.model';
import { SessionActionsService } from './session-actions.service';
import { SESSION_FIELDS } from './sessions.fields';
import { toSessionModel, viewerUrlOf } from './sessions.mapper';
import { SessionsService } from './sessions.service';

@ApiTags('sessions')
@Controller('sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService, private readonly actions: SessionActionsService) {}

  @Post()
  @Authenticated()
  @ApiOperation({ operationId: 'startSession', summary: 'Request a session; policy decides, the user may be asked, and without consent the viewer ticket comes back here.' })
  @ApiCreatedResponse({ type: StartedSessionModel })
  async start(@Principal() caller: CurrentPrincipal, @Body() body: StartSessionDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<StartedSessionModel> {
    const { session, viewerTicket } = await this.sessions.start(caller, body);
    const model: StartedSessionModel = toSessionModel(session);
    res.setHeader('Location', `/api/v1/sessions/${session.id}`);
    res.setHeader('ETag', model.etag);
    if (viewerTicket) {
      res.setHeader('Cache-Control', 'no-store');
      model.viewerTicket = viewerTicket.ticket;
      model.viewerTicketExpiresAt = viewerTicket.expiresAt.toISOString();
      model.viewerUrl = viewerUrlOf(baseUrlOf(req), session.id, viewerTicket.ticket, session.relayUrl);
    }
    return model;
  }

  @Post('check')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ operationId: 'checkSession', summary: 'Explain before you connect: the policy verdict, rule by rule, creating nothing.' })
  @ApiOkResponse({ type: SessionCheckModel })
  async check(@Principal() caller: CurrentPrincipal, @Body() body: StartSessionDto): Promise<SessionCheckModel> {
    const { verdict, sourceClientSettingsId } = await this.sessions.check(caller, body);
    return { allowed: verdict.allowed, reason: verdict.reason, status: verdict.status, consentRequired: verdict.consentRequired, rules: verdict.rules, resultantSettings: verdict.settings, sourceClientSettingsId };
  }

  @Get()
  @Authenticated(Permission.SessionsRead)
  @ApiOperation({ operationId: 'listSessions', summary: 'Sessions on devices in your scope, newest first.' })
  @ApiOkResponse({ type: SessionList })
  async list(@Principal() caller: CurrentPrincipal, @Query() query: SessionsQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const page = await this.actions.list(caller, query, toListQuery(query, SESSION_FIELDS, [{ field: 'createdAt', direction: 'desc' }]));
    return listEnvelope(req, res, page, toSessionModel);
  }

  @Get(':id')
  @Authenticated(Permission.SessionsRead)
  @ApiOperation({ operationId: 'getSession', summary: 'One session.' })
  @ApiOkResponse({ type: SessionModel })
  async get(@Principal() caller: CurrentPrincipal, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<SessionModel> {
    const model = toSessionModel(await this.actions.get(caller, id));
    res.setHeader('ETag', model.etag);
    return model;
  }

  @Post(':id/viewer-ticket')
  @HttpCode(200)
  @Authenticated(Permission.SessionsStart)
  @ApiOperation({ operationId: 'issueViewerTicket', summary: 'A fresh single-use viewer ticket, once the user has consented.' })
  @ApiOkResponse({ type: ViewerTicketModel })
  async viewerTicket(@Principal() caller: CurrentPrincipal, @Param('id') id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<ViewerTicketModel> {
    const { session, ticket } = await this.actions.viewerTicket(caller, id);
    res.setHeader('Cache-Control', 'no-store');
    return {
      sessionId: session.id,
      viewerTicket: ticket.ticket,
      viewerTicketExpiresAt: ticket.expiresAt.toISOString(),
      relayUrl: session.relayUrl ?? '',
      viewerUrl: viewerUrlOf(baseUrlOf(req), session.id, ticket.ticket, session.relayUrl),
    };
  }

  @Post(':id/end')
  @HttpCode(200)
  @Authenticated(Permission.SessionsStart)
  @ApiOperation({ operationId: 'endSession', summary: 'End a session now; both sockets close within a second on whichever relay holds them.' })
  @ApiOkResponse({ type: SessionModel })
  async end(@Principal() caller: CurrentPrincipal, @Param('id') id: string): Promise<SessionModel> {
    return toSessionModel(await this.actions.end(caller, id));
  }
}
