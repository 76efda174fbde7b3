import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AGENT_ROUTE, Public } from '../common/authz/auth.decorators';
import { UnauthorizedError } from '../common/errors/domain-error';
import { AuthFailureLimiter } from '../common/limits/limits.module';
import { refuseWhileBlocked } from '../common/limits/refuse-while-blocked';
import { clientAddressOf, sourceAddressOf } from '../common/limits/source-address';
import { toOfferModel } from './agent.mapper';
import { AuthenticatedDevice, DeviceAuthGuard } from './device-auth.guard';
import { ConsentDto, EnrollDto, HeartbeatDto, OffersQueryDto } from './dto/agent.dto';
import { EnrollService } from './enroll.service';
import { HeartbeatService } from './heartbeat.service';
import { EnrolmentModel, HeartbeatModel, OfferList, OfferModel } from './models/agent.model';
import { OffersService } from './offers.service';

type DeviceRequest = Request & { device: AuthenticatedDevice };

/** The agent-facing API: device tokens only, separate from principal tokens. */
@ApiTags('agent')
@Controller('agent')
export class AgentController {
  constructor(
    private readonly enrolment: EnrollService,
    private readonly heartbeats: HeartbeatService,
    private readonly offers: OffersService,
    private readonly failures: AuthFailureLimiter,
  ) {}

  @Post('enroll')
  @Public()
  @ApiOperation({ operationId: 'enrollDevice', summary: 'Enrol a device with an enrolment key; returns its device token once.' })
  @ApiCreatedResponse({ type: EnrolmentModel })
  async enroll(@Body() body: EnrollDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<EnrolmentModel> {
    res.setHeader('Cache-Control', 'no-store');
    // A wrong enrolment key is a failed authentication like a wrong token.
    const address = sourceAddressOf(req);
    refuseWhileBlocked(this.failures, address);
    try {
      return await this.enrolment.enroll(body, clientAddressOf(req));
    } catch (error) {
      if (error instanceof UnauthorizedError) this.failures.record(address);
      throw error;
    }
  }

  @Post('heartbeat')
  @HttpCode(200)
  @SetMetadata(AGENT_ROUTE, true)
  @UseGuards(DeviceAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'sendHeartbeat', summary: 'Report the logged-on user and addresses; get the resultant Remote Tools settings.' })
  @ApiOkResponse({ type: HeartbeatModel })
  heartbeat(@Req() req: DeviceRequest, @Body() body: HeartbeatDto): Promise<HeartbeatModel> {
    return this.heartbeats.beat(req.device.deviceId, body);
  }

  @Get('offers')
  @SetMetadata(AGENT_ROUTE, true)
  @UseGuards(DeviceAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'pollOffers', summary: 'Long poll (≤ 30 s) for session offers; answers at once when one arrives.' })
  @ApiOkResponse({ type: OfferList })
  async poll(@Req() req: DeviceRequest, @Query() query: OffersQueryDto, @Res({ passthrough: true }) res: Response): Promise<OfferList> {
    res.setHeader('Cache-Control', 'no-store');
    // The connection closing before the answer was written means the agent hung up.
    const gone = new AbortController();
    const hungUp = () => !res.writableFinished && gone.abort();
    res.once('close', hungUp);
    try {
      return { value: (await this.offers.poll(req.device.deviceId, query.wait ?? 25, gone.signal)).map(toOfferModel) };
    } finally {
      res.off('close', hungUp);
    }
  }

  @Post('sessions/:id/consent')
  @HttpCode(200)
  @SetMetadata(AGENT_ROUTE, true)
  @UseGuards(DeviceAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'sendConsent', summary: 'The logged-on user’s answer; a grant returns the agent ticket.' })
  @ApiOkResponse({ type: OfferModel })
  async consent(@Req() req: DeviceRequest, @Param('id') id: string, @Body() body: ConsentDto, @Res({ passthrough: true }) res: Response): Promise<OfferModel> {
    res.setHeader('Cache-Control', 'no-store');
    return toOfferModel(await this.offers.answer(req.device.deviceId, id, body.granted));
  }
}
