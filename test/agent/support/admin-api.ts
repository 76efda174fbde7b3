/** The REST API as an administrator's script sees it (fetch, bearer token), for arranging and checking e2e scenarios. */
export interface ApiResponse<T> {
  status: number;
  body: T;
}

export interface SessionView {
  id: string;
  state: string;
  endReason: string | null;
  accessLevel: string;
  bytesFromViewer: number;
  bytesFromAgent: number;
  viewerUrl?: string;
  viewerTicket?: string;
  relayUrl: string | null;
}

export class AdminApi {
  constructor(
    readonly url: string,
    readonly token: string,
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.url}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  }

  /** The body, after checking the status (the message shows the problem when it differs). */
  async expect<T = unknown>(status: number | number[], method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.request<T>(method, path, body);
    const allowed = Array.isArray(status) ? status : [status];
    if (!allowed.includes(response.status)) throw new Error(`${method} ${path}: expected ${allowed.join('/')}, got ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  session(id: string): Promise<SessionView> {
    return this.expect<SessionView>(200, 'GET', `/sessions/${id}`);
  }

  /** Polls until the session is ended; fails after `timeoutMs`. */
  async sessionEnded(id: string, timeoutMs = 10_000): Promise<SessionView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const session = await this.session(id);
      if (session.state === 'ended') return session;
      if (Date.now() > deadline) throw new Error(`session ${id} still ${session.state} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The newest session on a device (for flows started by `rcgate connect`). */
  async latestSession(deviceId: string): Promise<SessionView | undefined> {
    const list = await this.expect<{ value: SessionView[] }>(200, 'GET', `/sessions?deviceId=${deviceId}&top=1`);
    return list.value[0];
  }
}
