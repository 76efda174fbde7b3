import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { requestLoader } from '../common/graphql/request-loader';
import { DeviceObject } from '../devices/models/device.object';
import { ResultantSettingsObject } from './models/client-settings.object';
import { RemoteToolsObject } from './models/remote-tools.object';
import { ResultantSettingsService } from './resultant-settings.service';

/** Device.resultantSettings, batched: one SQL statement for every device on the page. */
@Resolver(() => DeviceObject)
export class DeviceResultantSettingsResolver {
  constructor(private readonly resultant: ResultantSettingsService) {}

  @ResolveField(() => ResultantSettingsObject, { nullable: true, description: 'The Remote Tools settings in force for this device.' })
  resultantSettings(@Parent() device: DeviceObject, @Context('req') req: Request): Promise<ResultantSettingsObject | null> {
    // The parent device was already scope-checked when it was loaded.
    const loader = requestLoader<string, ResultantSettingsObject | null>(req, 'device.resultantSettings', async (ids) => {
      const results = await this.resultant.forDevicesUnchecked(ids);
      return results.map((r) => (r ? { sourceClientSettingsId: r.sourceClientSettingsId, remoteTools: r.remoteTools as RemoteToolsObject, evaluatedAt: r.evaluatedAt } : null));
    });
    return loader.load(device.deviceId);
  }
}
