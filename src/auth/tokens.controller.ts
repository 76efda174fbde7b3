import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Authenticated, Principal } from '../common/authz/auth.decorators';
import { CurrentPrincipal, isFullAdministrator } from '../common/authz/current-principal';
import { hasPermission, Permission, PERMISSIONS_OF } from '../common/authz/roles';
import { ForbiddenError, NotFoundError } from '../common/errors/domain-error';
import { CreateApiTokenDto } from './dto/create-api-token.dto';
import { PrincipalEntity } from './entities/principal.entity';
import { ApiTokenList, CreatedApiTokenModel } from './models/principal.model';
import { toApiTokenModel } from './principals.mapper';
import { PrincipalsService } from './principals.service';
import { TokensService } from './tokens.service';

@ApiTags('principals')
@Controller('principals/:name/tokens')
export class TokensController {
  constructor(
    private readonly principals: PrincipalsService,
    private readonly tokens: TokensService,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @Authenticated()
  @ApiOperation({ operationId: 'listApiTokens', summary: 'List a principal’s API tokens (never the secrets).' })
  @ApiOkResponse({ type: ApiTokenList })
  async list(@Principal() caller: CurrentPrincipal, @Param('name') name: string) {
    const target = await this.tokenOwner(caller, name);
    return { value: (await this.tokens.list(target)).map(toApiTokenModel) };
  }

  @Post()
  @Authenticated()
  @ApiOperation({ operationId: 'createApiToken', summary: 'Mint an API token; the secret is in this response only.' })
  @ApiCreatedResponse({ type: CreatedApiTokenModel })
  async create(@Principal() caller: CurrentPrincipal, @Param('name') name: string, @Body() body: CreateApiTokenDto, @Res({ passthrough: true }) res: Response): Promise<CreatedApiTokenModel> {
    const target = await this.tokenOwner(caller, name);
    this.assertMayMintFor(caller, target);
    const issued = await this.dataSource.transaction((tx) => this.tokens.issue(tx, target, body.name, caller.name, body.expiresAt));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Location', `/api/v1/principals/${encodeURIComponent(target.name)}/tokens/${issued.entity.id}`);
    return { ...toApiTokenModel(issued.entity), token: issued.token };
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ operationId: 'revokeApiToken', summary: 'Revoke an API token.' })
  async revoke(@Principal() caller: CurrentPrincipal, @Param('name') name: string, @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Token', 'id') })) id: string): Promise<void> {
    const target = await this.tokenOwner(caller, name);
    await this.tokens.revoke(target, id, caller.name);
  }

  /** Your own tokens, or anyone's with principals:write (a full administrator's only by a full administrator). */
  private async tokenOwner(caller: CurrentPrincipal, name: string): Promise<PrincipalEntity> {
    const target = await this.principals.get(caller, name);
    if (target.id === caller.id) return target;
    if (!hasPermission(caller.role, Permission.PrincipalsWrite)) throw new ForbiddenError('You may manage only your own tokens.');
    if (target.role === 'fullAdministrator' && !isFullAdministrator(caller)) {
      throw new ForbiddenError('Only a full administrator may manage a full administrator’s tokens.');
    }
    return target;
  }

  /**
   * A token is the principal's credentials: a non-administrator may mint one
   * for someone else only if that principal holds nothing the caller does not
   * (no permission beyond its role's, no collection beyond its scope);
   * otherwise minting would be a way to act as a stronger principal.
   */
  private assertMayMintFor(caller: CurrentPrincipal, target: PrincipalEntity): void {
    if (target.id === caller.id || isFullAdministrator(caller)) return;
    const stronger = [...(PERMISSIONS_OF[target.role] ?? [])].filter((p) => !hasPermission(caller.role, p));
    const wider = target.scopeCollectionIds.filter((id) => !caller.scopeCollectionIds.includes(id));
    if (stronger.length || wider.length) {
      throw new ForbiddenError('You may mint tokens only for principals whose role and scope do not exceed yours.', 'forbidden', { ...(stronger.length ? { permissions: stronger } : {}), ...(wider.length ? { collectionIds: wider } : {}) });
    }
  }
}

