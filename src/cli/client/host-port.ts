export interface HostPort {
  host: string;
  port: number;
}

/**
 * Parses `host:port`, `[v6]:port` or a bare `port` (host `defaultHost`).
 * `allowZero` admits port 0 (listen on any free port).
 */
export function parseHostPort(raw: string, what: string, options: { defaultHost?: string; allowZero?: boolean } = {}): HostPort {
  const text = raw.trim();
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]+))?:?(\d{1,5})$/.exec(text);
  const host = match?.[1] ?? match?.[2] ?? options.defaultHost;
  const port = match ? Number(match[3]) : NaN;
  const minimum = options.allowZero ? 0 : 1;
  if (!match || !host || !Number.isInteger(port) || port < minimum || port > 65535 || (!match[1] && !match[2] && text.includes(':'))) {
    throw new Error(`${what} '${raw}' is not host:port (e.g. 127.0.0.1:5900)`);
  }
  return { host, port };
}

export const formatHostPort = ({ host, port }: HostPort): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);
