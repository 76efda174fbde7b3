import { ApiError, Problem, ServerUnreachableError } from './api-error';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** Aborts the request (shutdown); the promise rejects with the abort reason. */
  signal?: AbortSignal;
  /** Default 30 s; long polls pass their wait plus a margin. */
  timeoutMs?: number;
  /** Sent as Idempotency-Key (POST): a retry with the same key gets the first answer replayed. */
  idempotencyKey?: string;
}

const API_PATH = '/api/v1';

/** A thin typed wrapper over Node's fetch for rcgate's REST API (JSON in, JSON or problem+json out). */
export class HttpClient {
  readonly server: string;

  constructor(
    server: string,
    private readonly token?: string,
  ) {
    this.server = normalizeServerUrl(server);
  }

  async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    const url = new URL(`${this.server}${API_PATH}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      throw new ServerUnreachableError(this.server, error);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) throw new ApiError(response.status, parseProblem(text, response.status));
    return (text === '' ? {} : JSON.parse(text)) as T;
  }
}

/** `https://host:port/` and `https://host:port/api/v1` both become `https://host:port`. */
export function normalizeServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`'${raw}' is not a URL (expected e.g. http://127.0.0.1:8080)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`'${raw}' must be an http:// or https:// URL`);
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

function parseProblem(text: string, status: number): Problem {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object') return parsed as Problem;
  } catch {
    // Not JSON (a proxy's HTML page): keep the status only.
  }
  return { status, title: `HTTP ${status}`, detail: text.slice(0, 200) || undefined };
}
