import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, Principal } from '../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { Permission } from '../common/authz/roles';
import { toListQuery } from '../common/paging/list-query.parser';
import { ListQueryDto } from '../common/paging/list-query.dto';
import { listEnvelope } from '../common/paging/list-response';
import { CreatePrincipalDto, UpdatePrincipalDto } from './dto/create-principal.dto';
import { PrincipalList, PrincipalModel } from './models/principal.model';
import { toPrincipalModel } from './principals.mapper';
import { PRINCIPAL_FIELDS } from './principals.repository';
import { PrincipalsService } from './principals.service';

@ApiTags('principals')
@Controller('principals')
export class PrincipalsController {
  constructor(private readonly principals: PrincipalsService) {}

  @Get()
  @Authenticated(Permission.PrincipalsRead)
  @ApiOperation({ operationId: 'listPrincipals', summary: 'List principals.' })
  @ApiOkResponse({ type: PrincipalList })
  async list(@Query() query: ListQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const page = await this.principals.list(toListQuery(query, PRINCIPAL_FIELDS, [{ field: 'name', direction: 'asc' }]));
    return listEnvelope(req, res, page, toPrincipalModel);
  }

  @Post()
  @Authenticated(Permission.PrincipalsWrite)
  @ApiOperation({ operationId: 'createPrincipal', summary: 'Create a principal (a user or service account).' })
  @ApiCreatedResponse({ type: PrincipalModel })
  async create(@Principal() caller: CurrentPrincipal, @Body() body: CreatePrincipalDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const model = toPrincipalModel(await this.principals.create(caller, body));
    res.setHeader('Location', `${req.baseUrl ?? ''}/api/v1/principals/${encodeURIComponent(model.name)}`);
    res.setHeader('ETag', model.etag);
    return model;
  }

  @Get(':name')
  @Authenticated()
  @ApiOperation({ operationId: 'getPrincipal', summary: 'Get a principal by name.' })
  @ApiOkResponse({ type: PrincipalModel })
  async get(@Principal() caller: CurrentPrincipal, @Param('name') name: string, @Res({ passthrough: true }) res: Response) {
    const model = toPrincipalModel(await this.principals.get(caller, name));
    res.setHeader('ETag', model.etag);
    return model;
  }

  @Patch(':name')
  @Authenticated(Permission.PrincipalsWrite)
  @ApiOperation({ operationId: 'updatePrincipal', summary: 'Change a principal’s role, scope, groups or display name.' })
  @ApiOkResponse({ type: PrincipalModel })
  async update(
    @Principal() caller: CurrentPrincipal,
    @Param('name') name: string,
    @Body() body: UpdatePrincipalDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const model = toPrincipalModel(await this.principals.update(caller, name, body, ifMatch));
    res.setHeader('ETag', model.etag);
    return model;
  }

  @Delete(':name')
  @HttpCode(204)
  @Authenticated(Permission.PrincipalsWrite)
  @ApiOperation({ operationId: 'deletePrincipal', summary: 'Delete a principal and its tokens.' })
  @ApiNoContentResponse()
  async remove(@Principal() caller: CurrentPrincipal, @Param('name') name: string, @Headers('if-match') ifMatch: string | undefined) {
    await this.principals.remove(caller, name, ifMatch);
  }
}
