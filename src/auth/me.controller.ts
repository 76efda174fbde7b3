import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated, Principal } from '../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { NotFoundError } from '../common/errors/domain-error';
import { PrincipalModel } from './models/principal.model';
import { toPrincipalModel } from './principals.mapper';
import { PrincipalsService } from './principals.service';

@ApiTags('principals')
@Controller('me')
export class MeController {
  constructor(private readonly principals: PrincipalsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ operationId: 'getMe', summary: 'The principal the token belongs to.' })
  @ApiOkResponse({ type: PrincipalModel })
  async me(@Principal() caller: CurrentPrincipal, @Res({ passthrough: true }) res: Response): Promise<PrincipalModel> {
    const principal = await this.principals.findById(caller.id);
    if (!principal) throw new NotFoundError('Principal', caller.name);
    const model = toPrincipalModel(principal);
    res.setHeader('ETag', model.etag);
    return model;
  }
}
