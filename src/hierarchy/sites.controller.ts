import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, Principal } from '../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { Permission } from '../common/authz/roles';
import { ListQueryDto } from '../common/paging/list-query.dto';
import { toListQuery } from '../common/paging/list-query.parser';
import { listEnvelope, selectFields } from '../common/paging/list-response';
import { CreateSiteDto } from './dto/create-site.dto';
import { UpdateSiteDto } from './dto/update-site.dto';
import { SiteList, SiteModel } from './models/site.model';
import { toSiteModel } from './sites.mapper';
import { SITE_FIELDS } from './sites.repository';
import { SitesService } from './sites.service';

@ApiTags('sites')
@Controller('sites')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Get()
  @Authenticated(Permission.InventoryRead)
  @ApiOperation({ operationId: 'listSites', summary: 'List the sites of the hierarchy.' })
  @ApiOkResponse({ type: SiteList })
  async list(@Query() dto: ListQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const query = toListQuery(dto, SITE_FIELDS, [{ field: 'code', direction: 'asc' }]);
    return listEnvelope(req, res, await this.sites.list(query), (s) => selectFields(toSiteModel(s), query.select));
  }

  @Post()
  @Authenticated(Permission.SitesWrite)
  @ApiOperation({ operationId: 'createSite', summary: 'Create a central, primary or secondary site.' })
  @ApiCreatedResponse({ type: SiteModel })
  async create(@Principal() caller: CurrentPrincipal, @Body() body: CreateSiteDto, @Res({ passthrough: true }) res: Response): Promise<SiteModel> {
    const model = toSiteModel(await this.sites.create(caller, body));
    res.setHeader('Location', `/api/v1/sites/${model.code}`);
    res.setHeader('ETag', model.etag);
    return model;
  }

  @Get(':code')
  @Authenticated(Permission.InventoryRead)
  @ApiOperation({ operationId: 'getSite', summary: 'Get a site by code.' })
  @ApiOkResponse({ type: SiteModel })
  async get(@Param('code') code: string, @Res({ passthrough: true }) res: Response): Promise<SiteModel> {
    const model = toSiteModel(await this.sites.get(code));
    res.setHeader('ETag', model.etag);
    return model;
  }

  @Patch(':code')
  @Authenticated(Permission.SitesWrite)
  @ApiOperation({ operationId: 'updateSite', summary: 'Rename a site, or move a secondary site to another primary.' })
  @ApiOkResponse({ type: SiteModel })
  async update(
    @Principal() caller: CurrentPrincipal,
    @Param('code') code: string,
    @Body() body: UpdateSiteDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SiteModel> {
    const model = toSiteModel(await this.sites.update(caller, code, body, ifMatch));
    res.setHeader('ETag', model.etag);
    return model;
  }

  @Delete(':code')
  @HttpCode(204)
  @Authenticated(Permission.SitesWrite)
  @ApiOperation({ operationId: 'deleteSite', summary: 'Delete a site that has no child sites and no devices.' })
  @ApiNoContentResponse()
  async remove(@Principal() caller: CurrentPrincipal, @Param('code') code: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.sites.remove(caller, code, ifMatch);
  }
}
