import { Module } from '@nestjs/common';
import { ViewerController } from './viewer.controller';

/** Serves the browser viewer at /viewer/ (see viewer.controller.ts). */
@Module({ controllers: [ViewerController] })
export class ViewerModule {}
