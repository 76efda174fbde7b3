import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, Principal } from '../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { Permission } from '../common/authz/roles';
import { ListQueryDto } from '../common/paging/list-query.dto';
import { toListQuery } from '../common/paging/list-query.parser';
import { listEnvelope, selectFields } from '../common/paging/list-response';
import { CollectionEntity } from './collection.entity';
import { toCollectionModel } from './collections.mapper';
import { COLLECTION_FIELDS } from './collections.repository';
import { CollectionsService } from './collections.service';
import { CreateCollectionDto } from './dto/create-collection.dto';
import { UpdateCollectionDto } from './dto/update-collection.dto';
import { CollectionList, CollectionModel } from './models/collection.model';

@ApiTags('collections')
@Controller('collections')
export class CollectionsController {
  constructor(private readonly collections: CollectionsService) {}

  @Get()
  @Authenticated(Permission.InventoryRead)
  @ApiOperation({ operationId: 'listCollections', summary: 'List device collections.' })
  @ApiOkResponse({ type: CollectionList })
  async list(@Principal() caller: CurrentPrincipal, @Query() dto: ListQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const query = toListQuery(dto, COLLECTION_FIELDS, [{ field: 'name', direction: 'asc' }]);
    const page = await this.collections.list(query);
    const counts = await this.collections.memberCountsFor(caller, page.items);
    return listEnvelope(req, res, page, (c) => selectFields(toCollectionModel(c, counts.get(c.id)), query.select));
  }

  @Post()
  @Authenticated(Permission.CollectionsWrite)
  @ApiOperation({ operationId: 'createCollection', summary: 'Create a collection (limited by All Systems unless told otherwise).' })
  @ApiCreatedResponse({ type: CollectionModel })
  async create(@Principal() caller: CurrentPrincipal, @Body() body: CreateCollectionDto, @Res({ passthrough: true }) res: Response): Promise<CollectionModel> {
    const model = await this.model(caller, await this.collections.create(caller, body));
    res.setHeader('Location', `/api/v1/collections/${model.id}`);
    res.setHeader('ETag', model.etag);
    return model;
  }

  @Get(':id')
  @Authenticated(Permission.InventoryRead)
  @ApiOperation({ operationId: 'getCollection', summary: 'Get a collection.' })
  @ApiOkResponse({ type: CollectionModel })
  async get(@Principal() caller: CurrentPrincipal, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<CollectionModel> {
    const model = await this.model(caller, await this.collections.get(caller, id));
    res.setHeader('ETag', model.etag);
    return model;
  }

  @Patch(':id')
  @Authenticated(Permission.CollectionsWrite)
  @ApiOperation({ operationId: 'updateCollection', summary: 'Rename a collection, or change its description or limiting collection.' })
  @ApiOkResponse({ type: CollectionModel })
  async update(
    @Principal() caller: CurrentPrincipal,
    @Param('id') id: string,
    @Body() body: UpdateCollectionDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CollectionModel> {
    const model = await this.model(caller, await this.collections.update(caller, id, body, ifMatch));
    res.setHeader('ETag', model.etag);
    return model;
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated(Permission.CollectionsWrite)
  @ApiOperation({ operationId: 'deleteCollection', summary: 'Delete a collection nothing refers to.' })
  @ApiNoContentResponse()
  async remove(@Principal() caller: CurrentPrincipal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.collections.remove(caller, id, ifMatch);
  }

  private async model(caller: CurrentPrincipal, collection: CollectionEntity): Promise<CollectionModel> {
    const counts = await this.collections.memberCountsFor(caller, [collection]);
    return toCollectionModel(collection, counts.get(collection.id));
  }
}
