import { Device, List, Me, Session, SessionCheck, StartedSession, StartSessionBody, ViewerTicket } from './api.types';
import { HttpClient } from './http-client';

/** The operator's endpoints, with a principal API token. */
export class OperatorApi {
  private readonly http: HttpClient;

  constructor(server: string, token: string) {
    this.http = new HttpClient(server, token);
  }

  get server(): string {
    return this.http.server;
  }

  me(): Promise<Me> {
    return this.http.request('GET', '/me');
  }

  async findDevices(filter: string): Promise<Device[]> {
    return (await this.http.request<List<Device>>('GET', '/devices', { query: { filter, top: 10 } })).value;
  }

  getDevice(id: string): Promise<Device> {
    return this.http.request('GET', `/devices/${encodeURIComponent(id)}`);
  }

  startSession(body: StartSessionBody): Promise<StartedSession> {
    return this.http.request('POST', '/sessions', { body });
  }

  checkSession(body: StartSessionBody): Promise<SessionCheck> {
    return this.http.request('POST', '/sessions/check', { body });
  }

  getSession(id: string): Promise<Session> {
    return this.http.request('GET', `/sessions/${encodeURIComponent(id)}`);
  }

  issueViewerTicket(id: string): Promise<ViewerTicket> {
    return this.http.request('POST', `/sessions/${encodeURIComponent(id)}/viewer-ticket`);
  }

  endSession(id: string): Promise<Session> {
    return this.http.request('POST', `/sessions/${encodeURIComponent(id)}/end`);
  }

  listSessions(query: { state?: string; top?: number }): Promise<List<Session>> {
    return this.http.request('GET', '/sessions', { query });
  }
}
