import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ServiceUnavailableError } from '../../common/errors/domain-error';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config.types';

export interface RelayAssignment {
  relayNodeId: string;
  relayUrl: string;
}

/** The registry of relay nodes: registration, heartbeat, and choosing one for a new session. */
@Injectable()
export class RelayNodesService {
  constructor(private readonly dataSource: DataSource, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async register(id: string, publicUrl: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO relay_nodes (id, public_url, started_at, heartbeat_at, open_sessions) VALUES ($1, $2, now(), now(), 0)
       ON CONFLICT (id) DO UPDATE SET public_url = EXCLUDED.public_url, heartbeat_at = now(), stopped_at = NULL`,
      [id, publicUrl],
    );
  }

  async heartbeat(id: string, openSessions: number): Promise<void> {
    await this.dataSource.query('UPDATE relay_nodes SET heartbeat_at = now(), open_sessions = $2 WHERE id = $1', [id, openSessions]);
  }

  async stop(id: string): Promise<void> {
    await this.dataSource.query('UPDATE relay_nodes SET stopped_at = now() WHERE id = $1', [id]);
  }

  /** The live node with the fewest unfinished sessions; 503 when none is alive. */
  async assign(manager: EntityManager = this.dataSource.manager): Promise<RelayAssignment> {
    // Counting a node's unfinished sessions grows with them; with one live node there is nothing to compare.
    const rows = (await manager.query(
      `WITH live AS (
         SELECT n.id, n.public_url, n.heartbeat_at FROM relay_nodes n
         WHERE n.stopped_at IS NULL AND n.heartbeat_at > now() - make_interval(secs => $1))
       SELECT id, public_url FROM live
       ORDER BY CASE WHEN (SELECT count(*) FROM live) > 1
                     THEN (SELECT count(*) FROM sessions s WHERE s.relay_node_id = live.id AND s.state <> 'ended') END ASC,
                heartbeat_at DESC
       LIMIT 1`,
      [this.config.relayNodeTimeoutSeconds],
    )) as { id: string; public_url: string }[];
    if (!rows[0]) throw new ServiceUnavailableError('No relay node is available; retry shortly.', 5);
    return { relayNodeId: rows[0].id, relayUrl: rows[0].public_url };
  }

  /**
   * Nodes that stopped, and (when `staleCounts`) nodes whose heartbeat is
   * older than the timeout, while the database itself has been up for longer
   * than that; each still owning unfinished sessions. See DeadRelaySweeper
   * for why a stale heartbeat right after an outage proves nothing.
   */
  async deadNodesWithSessions(staleCounts = true, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT DISTINCT n.id FROM relay_nodes n JOIN sessions s ON s.relay_node_id = n.id AND s.state <> 'ended'
       WHERE n.stopped_at IS NOT NULL
          OR ($2 AND n.heartbeat_at <= now() - make_interval(secs => $1) AND pg_postmaster_start_time() <= now() - make_interval(secs => $1))`,
      [this.config.relayNodeTimeoutSeconds, staleCounts],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
