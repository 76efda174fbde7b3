import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { AppConfig } from '../config/config.types';
import { relayPublicUrl } from './relay-node-identity';
import { RelayNode } from './relay-node.service';

/** Registers the relay of a listening app under the URL it can be reached at. */
export async function startRelayNode(app: INestApplication, config: AppConfig): Promise<void> {
  if (config.role === 'api') return;
  const address = (app.getHttpServer() as Server).address();
  await app.get(RelayNode).start(relayPublicUrl(config, address));
}
