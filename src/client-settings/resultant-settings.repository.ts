import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { RemoteToolsSettings } from './remote-tools.settings';

export interface ResultantRow {
  deviceId: string;
  sourceClientSettingsId: string;
  remoteTools: RemoteToolsSettings;
  sourceVersion: number;
}

/**
 * The resultant Remote Tools group: the highest-priority custom object that
 * configures the group and is deployed to a collection holding the device,
 * else the default. One indexed query for any number of devices.
 */
@Injectable()
export class ResultantSettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async forDevices(deviceIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, ResultantRow>> {
    if (deviceIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT ids.device_id, COALESCE(best.id, def.id) AS source_id, COALESCE(best.remote_tools, def.remote_tools) AS remote_tools,
              COALESCE(best.version, def.version) AS version
       FROM unnest($1::uuid[]) AS ids(device_id)
       CROSS JOIN (SELECT id, remote_tools, version FROM client_settings WHERE id = 'default') AS def
       LEFT JOIN LATERAL (
         SELECT cs.id, cs.remote_tools, cs.version
         FROM collection_members m
         JOIN client_settings_deployments d ON d.collection_id = m.collection_id
         JOIN client_settings cs ON cs.id = d.client_settings_id
         WHERE m.device_id = ids.device_id AND cs.remote_tools IS NOT NULL
         ORDER BY cs.priority ASC
         LIMIT 1
       ) AS best ON true`,
      [[...deviceIds]],
    )) as { device_id: string; source_id: string; remote_tools: RemoteToolsSettings; version: number }[];
    return new Map(rows.map((r) => [r.device_id, { deviceId: r.device_id, sourceClientSettingsId: r.source_id, remoteTools: r.remote_tools, sourceVersion: r.version }]));
  }
}
