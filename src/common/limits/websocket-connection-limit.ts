import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config.types';
import { forwardedClientAddress, ProxyTrust, proxyTrustOf } from '../http/proxy-trust';
import { ConnectionCounter } from './connection-counter';
import { sourceAddressOf } from './source-address';
import { gateUpgrades } from './upgrade-gate';
import { refuseUpgradeTooManyRequests } from './upgrade-refusal';

/** What a refused upgrade is told to wait: a slot frees when any of the address's sockets closes. */
export const WS_LIMIT_RETRY_AFTER_SECONDS = 5;

/**
 * WS_CONNECTIONS_PER_ADDRESS: WebSocket connections open at once per source
 * address (behind a TRUSTED_PROXIES proxy: per client) on this node, relay
 * and GraphQL subscriptions together. Counted
 * from the upgrade request until its socket closes (so a socket still having
 * its ticket checked counts too); past the limit the upgrade is answered 429
 * problem+json with Retry-After before any handler sees it.
 */
@Injectable()
export class WebSocketConnectionLimit implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly counter: ConnectionCounter;
  private readonly trust: ProxyTrust;
  private ungate: (() => void) | undefined;

  constructor(private readonly adapterHost: HttpAdapterHost, @Inject(APP_CONFIG) config: AppConfig) {
    this.counter = new ConnectionCounter(config.wsConnectionsPerAddress);
    this.trust = proxyTrustOf(config.trustedProxies);
  }

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (server) this.ungate = gateUpgrades(server, (req, socket) => this.admit(req, socket));
  }

  onApplicationShutdown(): void {
    this.ungate?.();
  }

  private admit(req: IncomingMessage, socket: Duplex): boolean {
    // Behind a trusted proxy, count per client (X-Forwarded-For), not per proxy.
    const address = sourceAddressOf({ ip: forwardedClientAddress(req, this.trust), socket: req.socket });
    if (!this.counter.tryAcquire(address)) {
      const limit = this.counter.limit;
      refuseUpgradeTooManyRequests(socket, WS_LIMIT_RETRY_AFTER_SECONDS, (req.url ?? '/').split('?')[0], (seconds) => `More than ${limit} WebSocket connections open from this address; retry after ${seconds} s.`);
      return false;
    }
    socket.once('close', () => this.counter.release(address));
    return true;
  }
}
