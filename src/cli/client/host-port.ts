export interface HostPort {
  host: string;
  port: number;
}

function split(text: string, defaultHost: string | undefined): [string | undefined, string] | undefined {
  const v6 = /^\[([0-9A-Fa-f:.]+)\]:(\d{1,5})$/.exec(text);
  if (v6) return [v6[1], v6[2]];
  if (/^\d{1,5}$/.test(text)) return [defaultHost, text];
  const named = /^([^:[\]\s]+):(\d{1,5})$/.exec(text);
  return named ? [named[1], named[2]] : undefined;
}

/**
 * Parses `host:port`, `[v6]:port` or a bare `port` (host `defaultHost`).
 * `allowZero` admits port 0 (listen on any free port).
 */
export function parseHostPort(raw: string, what: string, options: { defaultHost?: string; allowZero?: boolean } = {}): HostPort {
  const parts = split(raw.trim(), options.defaultHost);
  const port = parts ? Number(parts[1]) : NaN;
  if (!parts || !parts[0] || port < (options.allowZero ? 0 : 1) || port > 65535) {
    throw new Error(`${what} '${raw}' is not host:port (e.g. 127.0.0.1:5900)`);
  }
  return { host: parts[0], port };
}

export const formatHostPort = ({ host, port }: HostPort): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);
