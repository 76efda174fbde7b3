import type { Response } from 'supertest';
import { bearer, TestApp } from '../support/test-app';

export interface GqlBody<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Small REST and GraphQL helpers over a test app, as one principal. */
export class InventoryClient {
  constructor(private readonly t: TestApp, readonly token: string) {}

  get(path: string): Promise<Response> {
    return this.t.http().get(`/api/v1${path}`).set(bearer(this.token));
  }

  post(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.t.http().post(`/api/v1${path}`).set(bearer(this.token)).set(headers).send(body as object);
  }

  patch(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.t.http().patch(`/api/v1${path}`).set(bearer(this.token)).set(headers).send(body as object);
  }

  put(path: string): Promise<Response> {
    return this.t.http().put(`/api/v1${path}`).set(bearer(this.token));
  }

  delete(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.t.http().delete(`/api/v1${path}`).set(bearer(this.token)).set(headers);
  }

  async gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<GqlBody<T>> {
    const res = await this.t.http().post('/graphql').set(bearer(this.token)).set('Content-Type', 'application/json').send({ query, variables });
    return res.body as GqlBody<T>;
  }

  /** Creates a site; returns its code. */
  async site(code: string, type: 'central' | 'primary' | 'secondary', parentCode?: string): Promise<string> {
    const res = await this.post('/sites', { code, name: `Site ${code}`, type, ...(parentCode ? { parentCode } : {}) });
    if (res.status !== 201) throw new Error(`site ${code}: ${res.status} ${res.text}`);
    return code;
  }

  /** Creates a device; returns its id. */
  async device(name: string, siteCode: string, extra: Record<string, unknown> = {}): Promise<string> {
    const join = extra.joinType === 'domain' || extra.domain ? { joinType: 'domain', domain: 'contoso.com' } : { joinType: 'workgroup', workgroup: 'WORKGROUP' };
    const res = await this.post('/devices', { name, siteCode, ...join, ...extra });
    if (res.status !== 201) throw new Error(`device ${name}: ${res.status} ${res.text}`);
    return res.body.id as string;
  }

  /** Creates a collection; returns its id. */
  async collection(name: string, extra: Record<string, unknown> = {}): Promise<string> {
    const res = await this.post('/collections', { name, ...extra });
    if (res.status !== 201) throw new Error(`collection ${name}: ${res.status} ${res.text}`);
    return res.body.id as string;
  }

  async rule(collectionId: string, rule: Record<string, unknown>): Promise<string> {
    const res = await this.post(`/collections/${collectionId}/rules`, rule);
    if (res.status !== 201) throw new Error(`rule on ${collectionId}: ${res.status} ${res.text}`);
    return res.body.id as string;
  }

  /** Member device names of a collection, sorted (as this principal sees them). */
  async memberNames(collectionId: string): Promise<string[]> {
    const res = await this.get(`/collections/${collectionId}/members?top=1000`);
    if (res.status !== 200) throw new Error(`members of ${collectionId}: ${res.status} ${res.text}`);
    return (res.body.value as { name: string }[]).map((d) => d.name).sort();
  }

  /** A principal with this role and scope, and a client holding its token. */
  async principal(name: string, role: string, scopeCollectionIds: string[] = []): Promise<InventoryClient> {
    const created = await this.post('/principals', { name, role, scopeCollectionIds });
    if (created.status !== 201) throw new Error(`principal ${name}: ${created.status} ${created.text}`);
    const issued = await this.post(`/principals/${encodeURIComponent(name)}/tokens`, { name: 'test' });
    return new InventoryClient(this.t, issued.body.token as string);
  }
}
