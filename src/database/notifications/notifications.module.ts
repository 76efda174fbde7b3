import { Global, Module } from '@nestjs/common';
import { Notifications } from './notifications.service';

/** One LISTEN connection per process, shared by every feature that waits on NOTIFY. */
@Global()
@Module({ providers: [Notifications], exports: [Notifications] })
export class NotificationsModule {}
