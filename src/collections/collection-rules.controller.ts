import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated, Principal } from '../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { Permission } from '../common/authz/roles';
import { CollectionRulesService } from './collection-rules.service';
import { CollectionsService } from './collections.service';
import { toCollectionModel, toRuleModel } from './collections.mapper';
import { CreateRuleDto } from './dto/create-rule.dto';
import { CollectionModel, CollectionRuleList, CollectionRuleModel } from './models/collection.model';

@ApiTags('collections')
@Controller('collections/:id')
export class CollectionRulesController {
  constructor(private readonly rules: CollectionRulesService, private readonly collections: CollectionsService) {}

  @Get('rules')
  @Authenticated(Permission.InventoryRead)
  @ApiOperation({ operationId: 'listCollectionRules', summary: 'The membership rules of a collection.' })
  @ApiOkResponse({ type: CollectionRuleList })
  async list(@Param('id') id: string): Promise<CollectionRuleList> {
    return { value: (await this.rules.list(id)).map(toRuleModel) };
  }

  @Post('rules')
  @Authenticated(Permission.CollectionsWrite)
  @ApiOperation({ operationId: 'addCollectionRule', summary: 'Add a direct, query, include or exclude rule; membership is re-evaluated at once.' })
  @ApiCreatedResponse({ type: CollectionRuleModel })
  async add(@Principal() caller: CurrentPrincipal, @Param('id') id: string, @Body() body: CreateRuleDto, @Res({ passthrough: true }) res: Response): Promise<CollectionRuleModel> {
    const { rule } = await this.rules.add(caller, id, body);
    const model = toRuleModel(rule!);
    res.setHeader('Location', `/api/v1/collections/${encodeURIComponent(id)}/rules/${model.id}`);
    return model;
  }

  @Delete('rules/:ruleId')
  @HttpCode(204)
  @Authenticated(Permission.CollectionsWrite)
  @ApiOperation({ operationId: 'removeCollectionRule', summary: 'Remove a rule; membership is re-evaluated at once.' })
  @ApiNoContentResponse()
  async remove(@Principal() caller: CurrentPrincipal, @Param('id') id: string, @Param('ruleId') ruleId: string): Promise<void> {
    await this.rules.remove(caller, id, ruleId);
  }

  @Put('members/:deviceId')
  @Authenticated(Permission.CollectionsWrite)
  @ApiOperation({ operationId: 'addCollectionMember', summary: 'Add a device by a direct rule (idempotent: 201 the first time, then 200).' })
  @ApiOkResponse({ type: CollectionRuleModel })
  @ApiCreatedResponse({ type: CollectionRuleModel })
  async addMember(@Principal() caller: CurrentPrincipal, @Param('id') id: string, @Param('deviceId') deviceId: string, @Res({ passthrough: true }) res: Response): Promise<CollectionRuleModel> {
    const { rule, created } = await this.rules.putMember(caller, id, deviceId);
    res.status(created ? 201 : 200);
    return toRuleModel(rule!);
  }

  @Delete('members/:deviceId')
  @HttpCode(204)
  @Authenticated(Permission.CollectionsWrite)
  @ApiOperation({ operationId: 'removeCollectionMember', summary: 'Remove the direct rule for a device (idempotent).' })
  @ApiNoContentResponse()
  async removeMember(@Principal() caller: CurrentPrincipal, @Param('id') id: string, @Param('deviceId') deviceId: string): Promise<void> {
    await this.rules.removeMember(caller, id, deviceId);
  }

  @Post('evaluate')
  @HttpCode(200)
  @Authenticated(Permission.CollectionsWrite)
  @ApiOperation({ operationId: 'evaluateCollection', summary: 'Re-evaluate the membership of a collection and its dependants now.' })
  @ApiOkResponse({ type: CollectionModel })
  async evaluate(@Principal() caller: CurrentPrincipal, @Param('id') id: string): Promise<CollectionModel> {
    const collection = await this.rules.evaluate(caller, id);
    const counts = await this.collections.memberCountsFor(caller, [collection]);
    return toCollectionModel(collection, counts.get(collection.id));
  }
}
