import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated, Principal } from '../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { Permission } from '../common/authz/roles';
import { NotFoundError } from '../common/errors/domain-error';
import { toEnrollmentKeyModel } from './agent.mapper';
import { CreateEnrollmentKeyDto } from './dto/agent.dto';
import { EnrollmentKeysService } from './enrollment-keys.service';
import { CreatedEnrollmentKeyModel, EnrollmentKeyList } from './models/agent.model';

@ApiTags('agent')
@Controller('enrollment-keys')
export class EnrollmentKeysController {
  constructor(private readonly keys: EnrollmentKeysService) {}

  @Get()
  @Authenticated(Permission.EnrollmentKeysWrite)
  @ApiOperation({ operationId: 'listEnrollmentKeys', summary: 'Enrolment keys (never the secrets).' })
  @ApiOkResponse({ type: EnrollmentKeyList })
  async list(): Promise<EnrollmentKeyList> {
    return { value: (await this.keys.list()).map(toEnrollmentKeyModel) };
  }

  @Post()
  @Authenticated(Permission.EnrollmentKeysWrite)
  @ApiOperation({ operationId: 'createEnrollmentKey', summary: 'Create an enrolment key for a site; the key is in this response only.' })
  @ApiCreatedResponse({ type: CreatedEnrollmentKeyModel })
  async create(@Principal() caller: CurrentPrincipal, @Body() body: CreateEnrollmentKeyDto, @Res({ passthrough: true }) res: Response): Promise<CreatedEnrollmentKeyModel> {
    const { entity, key } = await this.keys.create(caller, body);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Location', `/api/v1/enrollment-keys/${entity.id}`);
    return { ...toEnrollmentKeyModel(entity), key };
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated(Permission.EnrollmentKeysWrite)
  @ApiOperation({ operationId: 'revokeEnrollmentKey', summary: 'Revoke an enrolment key; enrolled devices keep their tokens.' })
  @ApiNoContentResponse()
  async revoke(@Principal() caller: CurrentPrincipal, @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Enrolment key', 'id') })) id: string): Promise<void> {
    await this.keys.revoke(caller, id);
  }
}
