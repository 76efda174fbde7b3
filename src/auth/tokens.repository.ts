import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ApiTokenEntity } from './entities/api-token.entity';
import { PrincipalEntity } from './entities/principal.entity';

export interface TokenWithPrincipal {
  token: ApiTokenEntity;
  principal: PrincipalEntity;
}

/** lastUsedAt is written at most this often per token (the interval in touch()). */
export const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class TokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findActiveByHash(tokenHash: string, now: Date): Promise<TokenWithPrincipal | null> {
    const token = await this.dataSource
      .getRepository(ApiTokenEntity)
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.principal', 'p')
      .where('t.token_hash = :tokenHash', { tokenHash })
      .andWhere('t.revoked_at IS NULL')
      .andWhere('(t.expires_at IS NULL OR t.expires_at > :now)', { now })
      .getOne();
    return token?.principal ? { token, principal: token.principal } : null;
  }

  /** Records use at most once a minute per token, so reads do not become writes. */
  async touch(tokenId: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_tokens SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - make_interval(secs => $3))`,
      [tokenId, now, TOUCH_INTERVAL_MS / 1000],
    );
  }

  insert(manager: EntityManager, token: Partial<ApiTokenEntity>): Promise<ApiTokenEntity> {
    return manager.getRepository(ApiTokenEntity).save(manager.getRepository(ApiTokenEntity).create(token));
  }

  listFor(principalId: string): Promise<ApiTokenEntity[]> {
    return this.dataSource.getRepository(ApiTokenEntity).find({ where: { principalId }, order: { createdAt: 'DESC' } });
  }

  findFor(manager: EntityManager, principalId: string, id: string): Promise<ApiTokenEntity | null> {
    return manager.getRepository(ApiTokenEntity).findOne({ where: { principalId, id }, lock: { mode: 'pessimistic_write' } });
  }
}
