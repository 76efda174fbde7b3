import { OnModuleInit } from '@nestjs/common';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { Authenticated, Principal } from '../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { hasPermission, Permission } from '../common/authz/roles';
import { ConnectionArgs, ConnectionShape, toConnection } from '../common/graphql/connection';
import { NodeRegistry } from '../common/graphql/node-registry';
import { requestLoader } from '../common/graphql/request-loader';
import { runMutation } from '../common/graphql/user-error';
import { validateInput } from '../common/validation/validate-input';
import { ClientSettingsDeploymentEntity } from './client-settings-deployment.entity';
import { toClientSettingsObject } from './client-settings.graphql-mapper';
import { ClientSettingsRepository } from './client-settings.repository';
import { ClientSettingsService } from './client-settings.service';
import { DeploymentsService } from './deployments.service';
import { CreateClientSettingsDto, SetPriorityDto, UpdateClientSettingsDto } from './dto/client-settings.dto';
import {
  ClientSettingsConnection, ClientSettingsObject, ClientSettingsPayload, CreateClientSettingsInput, DeployClientSettingsInput,
  DeploymentObject, SetClientSettingsPriorityInput, UpdateClientSettingsInput,
} from './models/client-settings.object';

const cursorOf = (priority: number) => Buffer.from(`p:${priority}`).toString('base64url');
const priorityAfter = (cursor: string | undefined) => (cursor ? Number(/^p:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString())?.[1] ?? 0) : 0);

@Resolver(() => ClientSettingsObject)
export class ClientSettingsResolver implements OnModuleInit {
  constructor(
    private readonly service: ClientSettingsService,
    private readonly deploymentService: DeploymentsService,
    private readonly repository: ClientSettingsRepository,
    private readonly nodes: NodeRegistry,
  ) {}

  onModuleInit(): void {
    this.nodes.register('ClientSettings', async (id, caller) => {
      if (!hasPermission(caller.role, Permission.ClientSettingsRead)) return null;
      const found = await this.repository.findById(id);
      return found ? toClientSettingsObject(found) : null;
    });
  }

  @Query(() => ClientSettingsConnection, { description: 'Client settings in precedence order (1 first, the default last).' })
  @Authenticated(Permission.ClientSettingsRead)
  async clientSettings(@Args() args: ConnectionArgs): Promise<ConnectionShape<ClientSettingsObject>> {
    const all = await this.service.list();
    const after = priorityAfter(args.after);
    const rest = all.filter((s) => s.priority > after);
    const page = rest.slice(0, args.first ?? 50);
    const hasMore = rest.length > page.length;
    return toConnection(page, hasMore ? 'more' : undefined, all.length, toClientSettingsObject, (s) => cursorOf(s.priority));
  }

  @ResolveField(() => [DeploymentObject])
  async deployments(@Parent() parent: ClientSettingsObject, @Context('req') req: Request): Promise<ClientSettingsDeploymentEntity[]> {
    const loader = requestLoader<string, ClientSettingsDeploymentEntity[]>(req, 'clientSettings.deployments', async (ids) => {
      const rows = await this.repository.deploymentsOfMany(ids);
      return ids.map((id) => rows.filter((r) => r.clientSettingsId === id));
    });
    return loader.load(parent.clientSettingsId);
  }

  @Mutation(() => ClientSettingsPayload)
  @Authenticated(Permission.ClientSettingsWrite)
  createClientSettings(@Principal() caller: CurrentPrincipal, @Args('input', { type: () => CreateClientSettingsInput }) input: Record<string, unknown>) {
    return runMutation('clientSettings', async () => toClientSettingsObject(await this.service.create(caller, validateInput(CreateClientSettingsDto, stripNulls(input)))));
  }

  @Mutation(() => ClientSettingsPayload)
  @Authenticated(Permission.ClientSettingsWrite)
  updateClientSettings(@Principal() caller: CurrentPrincipal, @Args('input', { type: () => UpdateClientSettingsInput }) input: Record<string, unknown>) {
    const { id, etag, ...changes } = input as unknown as UpdateClientSettingsInput;
    return runMutation('clientSettings', async () =>
      toClientSettingsObject(await this.service.update(caller, id, validateInput(UpdateClientSettingsDto, stripNulls(changes)), etag)),
    );
  }

  @Mutation(() => ClientSettingsPayload)
  @Authenticated(Permission.ClientSettingsWrite)
  deployClientSettings(@Principal() caller: CurrentPrincipal, @Args('input', { type: () => DeployClientSettingsInput }) raw: Record<string, unknown>) {
    const input = raw as unknown as DeployClientSettingsInput;
    return runMutation('clientSettings', async () => {
      if (input.deployed === false) await this.deploymentService.undeploy(caller, input.clientSettingsId, input.collectionId);
      else await this.deploymentService.deploy(caller, input.clientSettingsId, input.collectionId);
      return toClientSettingsObject(await this.service.get(input.clientSettingsId));
    });
  }

  @Mutation(() => ClientSettingsPayload)
  @Authenticated(Permission.ClientSettingsWrite)
  setClientSettingsPriority(@Principal() caller: CurrentPrincipal, @Args('input', { type: () => SetClientSettingsPriorityInput }) input: Record<string, unknown>) {
    return runMutation('clientSettings', async () => {
      const { priority } = validateInput(SetPriorityDto, { priority: input.priority });
      return toClientSettingsObject(await this.service.setPriority(caller, String(input.id), priority));
    });
  }
}

/** GraphQL sends explicit nulls for omitted optional fields of nested inputs; the REST DTOs expect them absent. */
function stripNulls<T extends object>(input: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (key === 'remoteTools' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));
    } else out[key] = value;
  }
  return out;
}
