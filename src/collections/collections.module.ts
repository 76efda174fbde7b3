import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { PrincipalScopeChecks } from '../auth/principal-scope-checks';
import { PrincipalsService } from '../auth/principals.service';
import { DeviceChangeHooks } from '../devices/device-change-hooks';
import { DeviceScope } from '../devices/device-scope';
import { DevicesModule } from '../devices/devices.module';
import { inAnyOf } from './collection-conditions';
import { CollectionFieldsResolver } from './collection-fields.resolver';
import { CollectionMembersController } from './collection-members.controller';
import { CollectionMutationsResolver } from './collection-mutations.resolver';
import { CollectionRulesController } from './collection-rules.controller';
import { CollectionRulesRepository } from './collection-rules.repository';
import { CollectionRulesService } from './collection-rules.service';
import { CollectionUsageChecks } from './collection-usage';
import { CollectionsController } from './collections.controller';
import { CollectionsRepository } from './collections.repository';
import { CollectionsResolver } from './collections.resolver';
import { CollectionsService } from './collections.service';
import { CycleGuard } from './cycle-guard';
import { DeviceCollectionsController } from './device-collections.controller';
import { DeviceCollectionsResolver } from './device-collections.resolver';
import { DeviceMembershipHook } from './membership/device-membership.hook';
import { MembershipService } from './membership/membership.service';

/**
 * Collections, rules and stored membership. Depends on devices (and auth for
 * principal scopes); plugs itself into devices' hooks and scope on init.
 */
@Module({
  imports: [DevicesModule, AuthModule],
  controllers: [CollectionsController, CollectionRulesController, CollectionMembersController, DeviceCollectionsController],
  providers: [
    CollectionsRepository,
    CollectionRulesRepository,
    CollectionsService,
    CollectionRulesService,
    CollectionUsageChecks,
    CycleGuard,
    MembershipService,
    DeviceMembershipHook,
    CollectionsResolver,
    CollectionMutationsResolver,
    CollectionFieldsResolver,
    DeviceCollectionsResolver,
  ],
  exports: [CollectionsService, CollectionUsageChecks, MembershipService],
})
export class CollectionsModule implements OnModuleInit {
  constructor(
    private readonly hooks: DeviceChangeHooks,
    private readonly hook: DeviceMembershipHook,
    private readonly scope: DeviceScope,
    private readonly usage: CollectionUsageChecks,
    private readonly principals: PrincipalsService,
    private readonly scopeChecks: PrincipalScopeChecks,
    private readonly collections: CollectionsRepository,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this.hook);
    this.scope.provideMembership(inAnyOf);
    this.usage.register(async (manager, id) => ({ kind: 'principals', ...(await this.principals.namesScopedTo(manager, id)) }));
    this.scopeChecks.register((manager, ids) => this.collections.unknownIds(manager, ids));
  }
}
