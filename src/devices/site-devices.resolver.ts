import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { Principal } from '../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { ConnectionShape } from '../common/graphql/connection';
import { pagedConnection } from '../common/graphql/graph-list-query';
import { requestLoader } from '../common/graphql/request-loader';
import { SiteObject } from '../hierarchy/models/site.object';
import { DevicePresence } from './device-presence';
import { DeviceScope } from './device-scope';
import { toDeviceObject } from './devices.mapper';
import { DevicesRepository } from './devices.repository';
import { DeviceConnection, DeviceObject } from './models/device.object';
import { DevicesArgs, deviceListQuery } from './models/devices.args';

/** Site → devices (in the caller's scope), one statement per batch of sites. */
@Resolver(() => SiteObject)
export class SiteDevicesResolver {
  constructor(private readonly repository: DevicesRepository, private readonly scope: DeviceScope, private readonly presence: DevicePresence) {}

  @ResolveField(() => DeviceConnection)
  async devices(@Parent() site: SiteObject, @Args() args: DevicesArgs, @Principal() caller: CurrentPrincipal, @Context('req') req: Request): Promise<ConnectionShape<DeviceObject>> {
    const query = deviceListQuery(args, this.presence.fields);
    const loader = requestLoader<string, ConnectionShape<DeviceObject>>(req, `site.devices:${JSON.stringify(args)}`, async (codes) => {
      const scope = this.scope.conditionFor(caller);
      const pages = await this.repository.pagesBy(() => {
        const qb = this.repository.scoped(scope).andWhere('d.site_code = ANY(:siteCodes)', { siteCodes: [...codes] });
        return qb;
      }, 'd.site_code', query, this.presence.fields);
      return codes.map((code) => {
        const page = pages.get(code) ?? { items: [], totalCount: 0 };
        return pagedConnection(page, page.totalCount, query, (d) => toDeviceObject(d, this.presence.isOnline(d.lastSeenAt)), (d) => d.id);
      });
    });
    return loader.load(site.code);
  }
}
