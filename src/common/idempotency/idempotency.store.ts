import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

export const IDEMPOTENCY_TTL_HOURS = 24;

@Injectable()
export class IdempotencyStore {
  private lastSweep = 0;

  constructor(private readonly dataSource: DataSource) {}

  /** Claims the key; returns the existing record when someone already has. */
  async claim(principalId: string, key: string, requestHash: string): Promise<IdempotencyKeyEntity | null> {
    await this.sweep();
    const inserted = (await this.dataSource.query(
      `INSERT INTO idempotency_keys (principal_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (principal_id, key) DO NOTHING RETURNING key`,
      [principalId, key, requestHash],
    )) as unknown[];
    if (inserted.length === 1) return null;
    return this.dataSource.getRepository(IdempotencyKeyEntity).findOneBy({ principalId, key });
  }

  async complete(principalId: string, key: string, status: number, body: unknown, location: string | null): Promise<void> {
    await this.dataSource.query(
      'UPDATE idempotency_keys SET status = $3, response_body = $4, location = $5 WHERE principal_id = $1 AND key = $2',
      [principalId, key, status, JSON.stringify(body ?? null), location],
    );
  }

  /** A failed request frees its key, so the retry runs for real. */
  async release(principalId: string, key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM idempotency_keys WHERE principal_id = $1 AND key = $2 AND status IS NULL', [principalId, key]);
  }

  private async sweep(): Promise<void> {
    if (Date.now() - this.lastSweep < 600_000) return;
    this.lastSweep = Date.now();
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '${IDEMPOTENCY_TTL_HOURS} hours'`);
  }
}
