import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CurrentPrincipal } from '../common/authz/current-principal';
import { ConflictError, NotFoundError } from '../common/errors/domain-error';
import { DevicePresence } from '../devices/device-presence';
import { DevicesService } from '../devices/devices.service';
import { CollectionRuleEntity } from './collection-rule.entity';
import { CollectionEntity } from './collection.entity';
import { CollectionRulesRepository } from './collection-rules.repository';
import { CollectionsRepository } from './collections.repository';
import { InvalidRuleError } from './collections.errors';
import { ruleSnapshot } from './collections.mapper';
import { CollectionsService } from './collections.service';
import { CycleGuard } from './cycle-guard';
import { CreateRuleDto } from './dto/create-rule.dto';
import { lockMembership } from './membership/membership-lock';
import { MembershipService } from './membership/membership.service';
import { parseRuleFilter } from './membership/rule-filter';
import { assertMayReshape } from './scope-protection';

const FIELDS_OF_TYPE = { direct: ['deviceId'], query: ['filter', 'name'], include: ['collectionId'], exclude: ['collectionId'] } as const;

export interface RuleChange {
  collection: CollectionEntity;
  rule: CollectionRuleEntity | null;
  created: boolean;
}

/** Membership rules; every change re-evaluates the collection and its dependants in the same transaction. */
@Injectable()
export class CollectionRulesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly collectionsService: CollectionsService,
    private readonly collections: CollectionsRepository,
    private readonly rules: CollectionRulesRepository,
    private readonly devices: DevicesService,
    private readonly presence: DevicePresence,
    private readonly membership: MembershipService,
    private readonly cycles: CycleGuard,
    private readonly audit: AuditService,
  ) {}

  async list(id: string): Promise<CollectionRuleEntity[]> {
    await this.collectionsService.require(id);
    return this.rules.listFor(id);
  }

  add(caller: CurrentPrincipal, id: string, input: CreateRuleDto): Promise<RuleChange> {
    return this.change(caller, id, async (tx, collection) => {
      for (const field of ['deviceId', 'filter', 'name', 'collectionId'] as const) {
        if (input[field] !== undefined && !(FIELDS_OF_TYPE[input.type] as readonly string[]).includes(field)) {
          throw new InvalidRuleError(field, 'notAllowed', `A ${input.type} rule has no ${field}.`);
        }
      }
      if (input.type === 'direct') return this.addDirect(tx, caller, collection, input.deviceId as string, false);
      if (input.type === 'query') {
        parseRuleFilter(input.filter as string, this.presence.fields);
        return { rule: await this.rules.insert(tx, { collectionId: collection.id, type: 'query', filter: input.filter, name: input.name ?? null }), created: true };
      }
      const ref = input.collectionId as string;
      await this.cycles.assertCanReference(tx, collection.id, ref, 'collectionId');
      if (await this.rules.findReference(tx, collection.id, input.type, ref)) throw new ConflictError(`The collection already has an ${input.type} rule for '${ref}'.`);
      return { rule: await this.rules.insert(tx, { collectionId: collection.id, type: input.type, refCollectionId: ref }), created: true };
    });
  }

  remove(caller: CurrentPrincipal, id: string, ruleId: string): Promise<RuleChange> {
    return this.change(caller, id, async (tx, collection) => {
      const rule = /^[0-9a-f-]{36}$/i.test(ruleId) ? await this.rules.find(tx, collection.id, ruleId) : null;
      if (!rule) throw new NotFoundError('Rule', ruleId);
      await this.rules.remove(tx, rule.id);
      return { rule, created: false, removed: true };
    });
  }

  /** PUT members/{deviceId}: a direct rule, created once; repeating it changes nothing. */
  putMember(caller: CurrentPrincipal, id: string, deviceId: string): Promise<RuleChange> {
    return this.change(caller, id, (tx, collection) => this.addDirect(tx, caller, collection, deviceId, true));
  }

  /** DELETE members/{deviceId}: removes the direct rule if there is one. */
  removeMember(caller: CurrentPrincipal, id: string, deviceId: string): Promise<RuleChange> {
    return this.change(caller, id, async (tx, collection) => {
      const device = await this.devices.get(caller, deviceId, tx);
      const rule = await this.rules.findDirect(tx, collection.id, device.id);
      if (rule) await this.rules.remove(tx, rule.id);
      return { rule, created: false, removed: !!rule };
    });
  }

  /** Re-evaluates the collection (and its dependants) now. */
  evaluate(caller: CurrentPrincipal, id: string): Promise<CollectionEntity> {
    return this.dataSource.transaction(async (tx) => {
      await lockMembership(tx);
      await this.collectionsService.require(id, tx);
      await this.membership.reevaluate(tx, [id]);
      await this.audit.record(tx, { type: 'collectionChanged', actor: caller.name, details: { action: 'evaluated', id } });
      return this.collectionsService.require(id, tx);
    });
  }

  private async addDirect(tx: EntityManager, caller: CurrentPrincipal, collection: CollectionEntity, deviceId: string, idempotent: boolean) {
    const device = await this.devices.get(caller, deviceId, tx);
    const existing = await this.rules.findDirect(tx, collection.id, device.id);
    if (existing && idempotent) return { rule: existing, created: false };
    if (existing) throw new ConflictError(`The collection already has a direct rule for device '${device.name}'.`);
    return { rule: await this.rules.insert(tx, { collectionId: collection.id, type: 'direct', deviceId: device.id }), created: true };
  }

  /** One rule change: lock, change, re-evaluate, audit — all or nothing. */
  private change(
    caller: CurrentPrincipal,
    id: string,
    work: (tx: EntityManager, collection: CollectionEntity) => Promise<{ rule: CollectionRuleEntity | null; created: boolean; removed?: boolean }>,
  ): Promise<RuleChange> {
    return this.dataSource.transaction(async (tx) => {
      await lockMembership(tx);
      const collection = await this.collectionsService.lockForChange(tx, id);
      const { rule, created, removed } = await work(tx, collection);
      // After the work, so an unknown or out-of-scope device is still a 404; the throw rolls it back.
      if (created || removed) await assertMayReshape(tx, caller, collection.id);
      if (rule && (created || removed)) {
        await this.collections.touch(tx, collection.id);
        await this.membership.reevaluate(tx, [collection.id]);
        const action = created ? 'ruleAdded' : 'ruleRemoved';
        await this.audit.record(tx, { type: 'collectionChanged', actor: caller.name, details: { action, id: collection.id, name: collection.name, rule: ruleSnapshot(rule) } });
      }
      return { collection: await this.collectionsService.require(collection.id, tx), rule, created };
    });
  }
}
