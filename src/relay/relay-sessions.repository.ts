import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { EndReason } from '../sessions/session-states';

/**
 * The relay's read-only questions about sessions. State changes go through
 * SessionLifecycleService, never through here.
 */
@Injectable()
export class RelaySessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Sessions a previous run of `nodeId` was holding sockets for: active ones,
   * and ready ones whose side that had joined lost its socket with the process
   * (its ticket is spent). Ready sessions nobody joined yet can still be joined.
   */
  async leftoversOf(nodeId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT s.id FROM sessions s
       WHERE s.relay_node_id = $1 AND (s.state = 'active' OR (s.state = 'ready'
         AND EXISTS (SELECT 1 FROM session_tickets t WHERE t.session_id = s.id AND t.consumed_at IS NOT NULL)))`,
      [nodeId],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }

  /** Unfinished sessions assigned to any of `nodeIds`, oldest first. */
  async unfinishedOn(nodeIds: string[], manager: EntityManager, limit = 100): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT id FROM sessions WHERE relay_node_id = ANY($1::uuid[]) AND state <> 'ended' ORDER BY created_at LIMIT $2`,
      [nodeIds, limit],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }

  /** Which of `ids` have ended, with their end reasons (for NOTIFYs missed while not listening). */
  async endedAmong(ids: string[]): Promise<{ id: string; endReason: EndReason | null }[]> {
    if (ids.length === 0) return [];
    const rows = (await this.dataSource.query(`SELECT id, end_reason FROM sessions WHERE id = ANY($1::uuid[]) AND state = 'ended'`, [ids])) as {
      id: string;
      end_reason: EndReason | null;
    }[];
    return rows.map((row) => ({ id: row.id, endReason: row.end_reason }));
  }

  /** The principal name of a session's viewer, for audit records about its tickets. */
  async viewerOf(sessionId: string): Promise<string | null> {
    const rows = (await this.dataSource.query('SELECT viewer FROM sessions WHERE id = $1', [sessionId])) as { viewer: string }[];
    return rows[0]?.viewer ?? null;
  }
}
