import { Args, Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { requestLoader } from '../../common/graphql/request-loader';
import { DeviceObject } from '../../devices/models/device.object';
import { SessionEntity } from '../session.entity';
import { toSessionObject } from './session.graphql-mapper';
import { SessionObject } from './session.object';

/** Device.sessions: the device's most recent sessions, batched for every device on the page. */
@Resolver(() => DeviceObject)
export class DeviceSessionsResolver {
  constructor(private readonly dataSource: DataSource) {}

  @ResolveField(() => [SessionObject], { description: 'Most recent sessions first.' })
  sessions(@Parent() device: DeviceObject, @Args('last', { type: () => Int, defaultValue: 10 }) last: number, @Context('req') req: Request): Promise<SessionObject[]> {
    const limit = Math.min(Math.max(last, 1), 100);
    const loader = requestLoader<string, SessionObject[]>(req, `device.sessions.${limit}`, async (ids) => {
      const rows = await this.dataSource.getRepository(SessionEntity).createQueryBuilder('s')
        .where(`s.id IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY device_id ORDER BY created_at DESC) AS n FROM sessions WHERE device_id = ANY(:ids::uuid[])) AS ranked WHERE n <= :limit)`, { ids: [...ids], limit })
        .orderBy('s.created_at', 'DESC')
        .getMany();
      return ids.map((id) => rows.filter((r) => r.deviceId === id).map(toSessionObject));
    });
    return loader.load(device.deviceId);
  }
}
