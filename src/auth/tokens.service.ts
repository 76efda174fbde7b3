import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock/clock';
import { CurrentPrincipal } from '../common/authz/current-principal';
import { NotFoundError, ValidationFailedError } from '../common/errors/domain-error';
import { ApiTokenEntity } from './entities/api-token.entity';
import { PrincipalEntity } from './entities/principal.entity';
import { displayPrefix, generateToken, hashesEqual, hashToken, looksLikeToken } from './token-secret';
import { TOUCH_INTERVAL_MS, TokensRepository } from './tokens.repository';

const DEFAULT_TTL_DAYS = 90;
const MAX_TTL_DAYS = 730;
const DAY_MS = 86_400_000;

export interface IssuedToken {
  entity: ApiTokenEntity;
  token: string;
}

/** API tokens: minted once, stored as a hash, checked in constant time, revocable. */
@Injectable()
export class TokensService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokensRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async authenticate(presented: string): Promise<CurrentPrincipal | null> {
    if (!looksLikeToken(presented)) return null;
    const hash = hashToken(presented);
    const now = this.clock.now();
    const found = await this.tokens.findActiveByHash(hash, now);
    if (!found || !hashesEqual(found.token.tokenHash, hash)) return null;
    // touch() writes at most once a minute; skip the round trip when the row says it is not due.
    const lastUsedAt = found.token.lastUsedAt;
    if (!lastUsedAt || now.getTime() - lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) void this.tokens.touch(found.token.id, now).catch(() => undefined);
    const { principal, token } = found;
    return {
      id: principal.id,
      name: principal.name,
      role: principal.role,
      groups: principal.groups,
      scopeCollectionIds: principal.scopeCollectionIds,
      tokenId: token.id,
    };
  }

  /** Mints a token in the caller's transaction; `secret` lets bootstrap use a configured value. */
  async issue(manager: EntityManager, principal: PrincipalEntity, name: string, actor: string, expiresAt?: string | Date | null, secret?: string): Promise<IssuedToken> {
    const token = secret ?? generateToken();
    const entity = await this.tokens.insert(manager, {
      principalId: principal.id,
      name,
      tokenHash: hashToken(token),
      prefix: displayPrefix(token),
      expiresAt: this.expiry(expiresAt),
      revokedAt: null,
      lastUsedAt: null,
    });
    await this.audit.record(manager, {
      type: 'tokenCreated',
      actor,
      details: { principal: principal.name, tokenId: entity.id, name, prefix: entity.prefix, expiresAt: entity.expiresAt?.toISOString() ?? null },
    });
    return { entity, token };
  }

  list(principal: PrincipalEntity): Promise<ApiTokenEntity[]> {
    return this.tokens.listFor(principal.id);
  }

  revoke(principal: PrincipalEntity, tokenId: string, actor: string): Promise<ApiTokenEntity> {
    return this.dataSource.transaction(async (manager) => {
      const token = await this.tokens.findFor(manager, principal.id, tokenId);
      if (!token) throw new NotFoundError('Token', tokenId);
      if (token.revokedAt) return token;
      token.revokedAt = this.clock.now();
      await manager.getRepository(ApiTokenEntity).save(token);
      await this.audit.record(manager, { type: 'tokenRevoked', actor, details: { principal: principal.name, tokenId, name: token.name } });
      return token;
    });
  }

  private expiry(requested: string | Date | null | undefined): Date | null {
    const now = this.clock.now().getTime();
    if (requested === null) return null;
    if (requested === undefined) return new Date(now + DEFAULT_TTL_DAYS * DAY_MS);
    const at = new Date(requested);
    if (Number.isNaN(at.getTime()) || at.getTime() <= now || at.getTime() > now + MAX_TTL_DAYS * DAY_MS) {
      throw new ValidationFailedError('expiresAt must be in the future and at most two years ahead.', [
        { field: 'expiresAt', code: 'invalidValue', message: 'Must be in the future and at most two years ahead.' },
      ]);
    }
    return at;
  }
}
