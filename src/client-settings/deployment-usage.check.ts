import { Injectable, OnModuleInit } from '@nestjs/common';
import { CollectionUsageChecks } from '../collections/collection-usage';

/** A collection with client settings deployed to it cannot be deleted; the 409 names them. */
@Injectable()
export class DeploymentUsageCheck implements OnModuleInit {
  constructor(private readonly usage: CollectionUsageChecks) {}

  onModuleInit(): void {
    this.usage.register(async (manager, collectionId) => {
      const rows = (await manager.query(
        `SELECT cs.name FROM client_settings_deployments d JOIN client_settings cs ON cs.id = d.client_settings_id WHERE d.collection_id = $1 ORDER BY cs.priority LIMIT 10`,
        [collectionId],
      )) as { name: string }[];
      const [{ total }] = (await manager.query('SELECT count(*)::int AS total FROM client_settings_deployments WHERE collection_id = $1', [collectionId])) as { total: number }[];
      return { kind: 'clientSettingsDeployments', total, names: rows.map((r) => r.name) };
    });
  }
}
