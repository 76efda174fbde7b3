import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** Decides on an upgrade before anything else sees it; when refusing, it has already answered on `socket`. */
export type UpgradeAdmission = (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

/**
 * Runs `admit` on every 'upgrade' of `server` ahead of all its listeners (the
 * relay's, the one @nestjs/graphql registers for graphql-ws, any added later);
 * an upgrade it refuses reaches none of them. A listener could not do this —
 * every listener of an event runs, and a second one would still try to answer
 * on the socket — so the gate sits in front of `emit`. Returns the undo.
 */
export function gateUpgrades(server: Server, admit: UpgradeAdmission): () => void {
  const emit = server.emit;
  const gated = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'upgrade' && !admit(args[0] as IncomingMessage, args[1] as Duplex, args[2] as Buffer)) return true;
    return emit.apply(this, [event, ...args] as Parameters<Server['emit']>);
  };
  server.emit = gated as Server['emit'];
  return () => {
    if (server.emit === gated) server.emit = emit;
  };
}
