#!/usr/bin/env node
'use strict';
// The image's HEALTHCHECK, for either role: GET /healthz of the server this container runs —
// the API on PORT, or the relay on RELAY_PORT (RCGATE_ROLE=relay, or the `relay` command).
// Exits 0 when it answers 200.
const { readFileSync } = require('node:fs');
const http = require('node:http');
const https = require('node:https');

function mainArguments() {
  try {
    // PID 1 is `node bin/rcgate.js <command>` in the image.
    return readFileSync('/proc/1/cmdline', 'utf8').split('\0').slice(2);
  } catch {
    return [];
  }
}

const env = process.env;
const relay = env.RCGATE_ROLE === 'relay' || mainArguments()[0] === 'relay';
const port = relay ? env.RELAY_PORT || '8081' : env.PORT || '8080';
const tls = Boolean(env.TLS_CERT_FILE);
// The certificate names the public host, not 127.0.0.1: this probe checks liveness, not identity.
const request = (tls ? https : http).get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2500, rejectUnauthorized: false }, (res) => {
  res.resume();
  process.exit(res.statusCode === 200 ? 0 : 1);
});
request.on('timeout', () => request.destroy(new Error('timeout')));
request.on('error', () => process.exit(1));
