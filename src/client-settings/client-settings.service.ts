import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { changedFields } from '../audit/audit-diff';
import { AuditService } from '../audit/audit.service';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { ConflictError, NotFoundError } from '../common/errors/domain-error';
import { assertIfMatch, etagOf } from '../common/etag/etag';
import { ClientSettingsEntity, DEFAULT_CLIENT_SETTINGS_ID } from './client-settings.entity';
import { DefaultClientSettingsError, NoFreePriorityError, PriorityTakenError } from './client-settings.errors';
import { ClientSettingsRepository } from './client-settings.repository';
import { CreateClientSettingsDto, UpdateClientSettingsDto } from './dto/client-settings.dto';
import { mergeRemoteTools, REMOTE_TOOLS_DEFAULTS, RemoteToolsSettings } from './remote-tools.settings';

/** Client settings objects: create, edit (If-Match required), re-prioritise, delete. */
@Injectable()
export class ClientSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ClientSettingsRepository,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<ClientSettingsEntity[]> {
    return this.repository.listAll();
  }

  async get(id: string): Promise<ClientSettingsEntity> {
    const found = await this.repository.findById(id);
    if (!found) throw new NotFoundError('Client settings', id);
    return found;
  }

  create(caller: CurrentPrincipal, input: CreateClientSettingsDto): Promise<ClientSettingsEntity> {
    return this.dataSource.transaction(async (tx) => {
      await this.repository.lockPriorities(tx);
      if (await this.repository.nameTaken(tx, input.name)) throw new ConflictError(`Client settings named '${input.name}' already exist.`);
      const priority = input.priority ?? (await this.nextPriority(tx));
      const holder = await this.repository.priorityTaken(tx, priority);
      if (holder) throw new PriorityTakenError(priority, holder);
      const entity = await this.repository.save(tx, this.repository.create({
        id: randomUUID(),
        name: input.name,
        description: input.description ?? null,
        priority,
        remoteTools: input.remoteTools === null ? null : mergeRemoteTools({ ...REMOTE_TOOLS_DEFAULTS }, input.remoteTools ?? {}),
      }));
      await this.audit.record(tx, { type: 'clientSettingsChanged', actor: caller.name, details: { action: 'created', id: entity.id, name: entity.name, priority, remoteTools: entity.remoteTools } });
      return entity;
    });
  }

  update(caller: CurrentPrincipal, id: string, input: UpdateClientSettingsDto, ifMatch: string | undefined): Promise<ClientSettingsEntity> {
    return this.dataSource.transaction(async (tx) => {
      const entity = await this.lock(tx, id);
      assertIfMatch(ifMatch, etagOf(entity.id, entity.version), true);
      if (input.name !== undefined && (await this.repository.nameTaken(tx, input.name, id))) {
        throw new ConflictError(`Client settings named '${input.name}' already exist.`);
      }
      const before = snapshot(entity);
      if (input.name !== undefined) entity.name = input.name;
      if (input.description !== undefined) entity.description = input.description;
      if (input.remoteTools === null) {
        if (entity.id === DEFAULT_CLIENT_SETTINGS_ID) throw new DefaultClientSettingsError('left without Remote Tools settings');
        entity.remoteTools = null;
      } else if (input.remoteTools !== undefined) {
        entity.remoteTools = mergeRemoteTools(entity.remoteTools ?? { ...REMOTE_TOOLS_DEFAULTS }, input.remoteTools);
      }
      const saved = await this.repository.save(tx, entity);
      await this.audit.record(tx, { type: 'clientSettingsChanged', actor: caller.name, details: { action: 'updated', id, name: saved.name, ...changedFields(before, snapshot(saved)) } });
      return saved;
    });
  }

  setPriority(caller: CurrentPrincipal, id: string, priority: number): Promise<ClientSettingsEntity> {
    return this.dataSource.transaction(async (tx) => {
      await this.repository.lockPriorities(tx);
      const entity = await this.lock(tx, id);
      if (entity.id === DEFAULT_CLIENT_SETTINGS_ID) throw new DefaultClientSettingsError('re-prioritised');
      const highest = await this.repository.highestCustomPriority(tx);
      // Moving past the last custom object lands just after it, as in the console.
      const target = Math.min(priority, Math.max(highest, 1));
      const from = entity.priority;
      await this.repository.movePriority(tx, id, from, target);
      await this.audit.record(tx, { type: 'clientSettingsChanged', actor: caller.name, details: { action: 'reprioritised', id, name: entity.name, before: { priority: from }, after: { priority: target } } });
      return (await this.repository.findById(id, tx)) as ClientSettingsEntity;
    });
  }

  remove(caller: CurrentPrincipal, id: string, ifMatch: string | undefined): Promise<void> {
    return this.dataSource.transaction(async (tx) => {
      const entity = await this.lock(tx, id);
      if (entity.id === DEFAULT_CLIENT_SETTINGS_ID) throw new DefaultClientSettingsError('deleted');
      assertIfMatch(ifMatch, etagOf(entity.id, entity.version));
      await this.repository.remove(tx, id);
      await this.audit.record(tx, { type: 'clientSettingsChanged', actor: caller.name, details: { action: 'deleted', id, name: entity.name, priority: entity.priority } });
    });
  }

  private async lock(tx: EntityManager, id: string): Promise<ClientSettingsEntity> {
    const entity = await this.repository.findById(id, tx, true);
    if (!entity) throw new NotFoundError('Client settings', id);
    return entity;
  }

  private async nextPriority(tx: EntityManager): Promise<number> {
    const next = (await this.repository.highestCustomPriority(tx)) + 1;
    if (next > 9999) throw new NoFreePriorityError();
    return next;
  }
}

/** Flat view for audit diffs: one key per setting, so a record names exactly what changed. */
function snapshot(entity: ClientSettingsEntity): Record<string, unknown> {
  const flat: Record<string, unknown> = { name: entity.name, description: entity.description, configuresRemoteTools: entity.remoteTools !== null };
  const settings: Partial<RemoteToolsSettings> = entity.remoteTools ?? {};
  for (const [key, value] of Object.entries(settings)) flat[`remoteTools.${key}`] = value;
  return flat;
}
