import { Module } from '@nestjs/common';
import { DiskSpace } from './disk-space';
import { Metrics } from './metrics';
import { OpsController } from './ops.controller';

@Module({ controllers: [OpsController], providers: [Metrics, DiskSpace], exports: [Metrics] })
export class OpsModule {}
