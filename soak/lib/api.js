'use strict';
// The REST calls the soak makes. Any 5xx, or a status the caller did not expect, is an unexpected error.

class Api {
  constructor(baseUrl, adminToken, ledger) {
    this.baseUrl = baseUrl;
    this.adminToken = adminToken;
    this.ledger = ledger;
  }

  /**
   * { status, body } or throws on a network error; 5xx are recorded here, whoever called.
   * `retryOnReset`: a request the server may safely see twice (heartbeat, GET) is sent once more when
   * the keep-alive connection it went out on was closed under it (the HTTP/1.1 idle-close race every
   * client retries; it widens when this machine is starved of CPU). Counted, not an error.
   */
  async call(method, path, options = {}) {
    try {
      return await this.send(method, path, options);
    } catch (error) {
      const code = error.cause?.code;
      if (!options.retryOnReset || options.signal?.aborted || !['UND_ERR_SOCKET', 'ECONNRESET'].includes(code)) throw error;
      this.ledger.count('http.retriedAfterConnectionReset');
      return this.send(method, path, options);
    }
  }

  async send(method, path, { body, token = this.adminToken, signal } = {}) {
    const res = await fetch(this.baseUrl + path, {
      method,
      signal,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json;
    try { json = text ? JSON.parse(text) : undefined; } catch { json = text; }
    this.ledger.count('http.requests');
    if (res.status >= 500) this.ledger.error('http.5xx', `${method} ${path.split('?')[0].replace(/[0-9a-f-]{36}/g, '{id}')} → ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
    return { status: res.status, body: json, headers: res.headers };
  }

  /** The call, which must answer one of `ok`; else an unexpected error is recorded and null returned. */
  async must(method, path, options = {}, ok = [200, 201]) {
    try {
      const res = await this.call(method, path, options);
      if (ok.includes(res.status)) return res.body;
      if (res.status < 500) this.ledger.error(`http.${res.status}`, `${method} ${path.split('?')[0].replace(/[0-9a-f-]{36}/g, '{id}')} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      return null;
    } catch (error) {
      if (options.signal?.aborted) throw error;
      this.ledger.error('http.network', `${method} ${path.split('?')[0]}: ${error.cause?.code ?? error.message}`);
      return null;
    }
  }
}

module.exports = { Api };
