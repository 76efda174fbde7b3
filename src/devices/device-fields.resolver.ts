import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { requestLoader } from '../common/graphql/request-loader';
import { SiteObject } from '../hierarchy/models/site.object';
import { toSiteObject } from '../hierarchy/sites.mapper';
import { SitesService } from '../hierarchy/sites.service';
import { DeviceObject } from './models/device.object';

/** Device → site, batched per request. */
@Resolver(() => DeviceObject)
export class DeviceFieldsResolver {
  constructor(private readonly sites: SitesService) {}

  @ResolveField(() => SiteObject, { nullable: true })
  site(@Parent() device: DeviceObject, @Context('req') req: Request): Promise<SiteObject | null> {
    const loader = requestLoader<string, SiteObject | null>(req, 'device.site', async (codes) => {
      const found = new Map((await this.sites.findMany(codes)).map((s) => [s.code, toSiteObject(s)]));
      return codes.map((code) => found.get(code) ?? null);
    });
    return loader.load(device.siteCode);
  }
}
