import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { NotFoundError } from '../common/errors/domain-error';
import { ClientSettingsDeploymentEntity } from './client-settings-deployment.entity';
import { ClientSettingsEntity, DEFAULT_CLIENT_SETTINGS_ID } from './client-settings.entity';
import { DefaultClientSettingsError } from './client-settings.errors';
import { ClientSettingsRepository } from './client-settings.repository';
import { INVENTORY_PORT, InventoryPort } from './inventory.port';

/** Deploying custom client settings to collections; idempotent both ways. */
@Injectable()
export class DeploymentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ClientSettingsRepository,
    private readonly audit: AuditService,
    @Inject(INVENTORY_PORT) private readonly inventory: InventoryPort,
  ) {}

  async list(id: string): Promise<ClientSettingsDeploymentEntity[]> {
    if (!(await this.repository.findById(id))) throw new NotFoundError('Client settings', id);
    return this.repository.deploymentsOf(id);
  }

  async settingsDeployedTo(caller: CurrentPrincipal, collectionId: string): Promise<ClientSettingsEntity[]> {
    await this.inventory.assertCollectionVisible(caller, collectionId);
    return this.repository.settingsDeployedTo(collectionId);
  }

  /** Returns true when the deployment is new (201), false when it already existed (200). */
  async deploy(caller: CurrentPrincipal, id: string, collectionId: string): Promise<boolean> {
    await this.inventory.assertCollectionVisible(caller, collectionId);
    return this.dataSource.transaction(async (tx) => {
      const settings = await this.repository.findById(id, tx, true);
      if (!settings) throw new NotFoundError('Client settings', id);
      if (settings.id === DEFAULT_CLIENT_SETTINGS_ID) throw new DefaultClientSettingsError('deployed; it applies to every device');
      const created = await this.repository.deploy(tx, id, collectionId, caller.name);
      if (created) {
        await this.audit.record(tx, { type: 'clientSettingsDeployed', actor: caller.name, details: { clientSettingsId: id, name: settings.name, collectionId } });
      }
      return created;
    });
  }

  async undeploy(caller: CurrentPrincipal, id: string, collectionId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const settings = await this.repository.findById(id, tx, true);
      if (!settings) throw new NotFoundError('Client settings', id);
      if (await this.repository.undeploy(tx, id, collectionId)) {
        await this.audit.record(tx, { type: 'clientSettingsUndeployed', actor: caller.name, details: { clientSettingsId: id, name: settings.name, collectionId } });
      }
    });
  }
}
