import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Authenticated, Principal } from '../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { Permission } from '../common/authz/roles';
import { toGlobalId } from '../common/graphql/global-id';
import { localIdOf } from '../common/graphql/id-input';
import { runMutation } from '../common/graphql/user-error';
import { validateInput } from '../common/validation/validate-input';
import { CollectionRulesService, RuleChange } from './collection-rules.service';
import { toCollectionObject, toRuleObject } from './collections.mapper';
import { CollectionsService } from './collections.service';
import { CreateCollectionDto } from './dto/create-collection.dto';
import { AddCollectionRuleInput, RemoveCollectionRuleInput } from './dto/create-rule.dto';
import { CollectionRefInput, UpdateCollectionInput } from './dto/update-collection.dto';
import { CollectionPayload, CollectionRulePayload, DeleteCollectionPayload } from './models/collection.object';

const id = (value: string) => localIdOf(value, 'Collection');

@Resolver()
export class CollectionMutationsResolver {
  constructor(private readonly collections: CollectionsService, private readonly rules: CollectionRulesService) {}

  @Mutation(() => CollectionPayload)
  @Authenticated(Permission.CollectionsWrite)
  createCollection(@Principal() caller: CurrentPrincipal, @Args('input', { type: () => CreateCollectionDto }) input: Record<string, unknown>) {
    return runMutation('collection', async () => {
      const dto = validateInput(CreateCollectionDto, input);
      if (dto.limitingCollectionId) dto.limitingCollectionId = id(dto.limitingCollectionId);
      return toCollectionObject(await this.collections.create(caller, dto));
    });
  }

  @Mutation(() => CollectionPayload)
  @Authenticated(Permission.CollectionsWrite)
  updateCollection(@Principal() caller: CurrentPrincipal, @Args('input', { type: () => UpdateCollectionInput }) input: Record<string, unknown>) {
    return runMutation('collection', async () => {
      const { id: target, ifMatch, ...patch } = validateInput(UpdateCollectionInput, input);
      if (patch.limitingCollectionId) patch.limitingCollectionId = id(patch.limitingCollectionId);
      return toCollectionObject(await this.collections.update(caller, id(target), patch, ifMatch));
    });
  }

  @Mutation(() => DeleteCollectionPayload)
  @Authenticated(Permission.CollectionsWrite)
  deleteCollection(@Principal() caller: CurrentPrincipal, @Args('input', { type: () => CollectionRefInput }) input: Record<string, unknown>) {
    return runMutation('deletedCollectionId', async () => {
      const { id: target, ifMatch } = validateInput(CollectionRefInput, input);
      await this.collections.remove(caller, id(target), ifMatch);
      return toGlobalId('Collection', id(target));
    });
  }

  @Mutation(() => CollectionRulePayload)
  @Authenticated(Permission.CollectionsWrite)
  addCollectionRule(@Principal() caller: CurrentPrincipal, @Args('input', { type: () => AddCollectionRuleInput }) input: Record<string, unknown>) {
    return runMutation('result', async () => {
      const device = typeof input.deviceId === 'string' ? { deviceId: localIdOf(input.deviceId, 'Device') } : {};
      const { id: target, ...rule } = validateInput(AddCollectionRuleInput, { ...input, ...device });
      if (rule.collectionId) rule.collectionId = id(rule.collectionId);
      return this.result(await this.rules.add(caller, id(target), rule));
    });
  }

  @Mutation(() => CollectionRulePayload)
  @Authenticated(Permission.CollectionsWrite)
  removeCollectionRule(@Principal() caller: CurrentPrincipal, @Args('input', { type: () => RemoveCollectionRuleInput }) input: Record<string, unknown>) {
    return runMutation('result', async () => {
      const { id: target, ruleId } = validateInput(RemoveCollectionRuleInput, input);
      return this.result(await this.rules.remove(caller, id(target), ruleId));
    });
  }

  @Mutation(() => CollectionPayload)
  @Authenticated(Permission.CollectionsWrite)
  evaluateCollection(@Principal() caller: CurrentPrincipal, @Args('input', { type: () => CollectionRefInput }) input: Record<string, unknown>) {
    return runMutation('collection', async () => toCollectionObject(await this.rules.evaluate(caller, id(validateInput(CollectionRefInput, input).id))));
  }

  private result(change: RuleChange) {
    return { collection: toCollectionObject(change.collection), rule: change.rule ? toRuleObject(change.rule) : null };
  }
}
