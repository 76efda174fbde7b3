import { ConsentResult, Enrollment, EnrollBody, HeartbeatBody, HeartbeatResult, List, Offer } from './api.types';
import { HttpClient } from './http-client';

/** The agent-facing endpoints: enrolment with a key, the rest with the device token. */
export class AgentApi {
  private readonly http: HttpClient;

  constructor(server: string, deviceToken?: string) {
    this.http = new HttpClient(server, deviceToken);
  }

  get server(): string {
    return this.http.server;
  }

  enroll(body: EnrollBody, signal?: AbortSignal): Promise<Enrollment> {
    return this.http.request('POST', '/agent/enroll', { body, signal });
  }

  heartbeat(body: HeartbeatBody, signal?: AbortSignal): Promise<HeartbeatResult> {
    return this.http.request('POST', '/agent/heartbeat', { body, signal });
  }

  /** Long poll: resolves with the offers available now, or after `waitSeconds` with none. */
  async offers(waitSeconds: number, signal?: AbortSignal): Promise<Offer[]> {
    const list = await this.http.request<List<Offer>>('GET', '/agent/offers', {
      query: { wait: waitSeconds },
      signal,
      timeoutMs: (waitSeconds + 15) * 1000,
    });
    return list.value ?? [];
  }

  consent(sessionId: string, granted: boolean, idempotencyKey?: string, signal?: AbortSignal): Promise<ConsentResult> {
    return this.http.request('POST', `/agent/sessions/${encodeURIComponent(sessionId)}/consent`, { body: { granted }, idempotencyKey, signal });
  }
}
