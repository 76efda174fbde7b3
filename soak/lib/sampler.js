'use strict';
// Every few seconds: the server process's RSS (VmRSS) and open file descriptors, from /proc,
// and PostgreSQL's client connections (pg_stat_activity, not counting the sampler's own).
const { readdirSync, readFileSync } = require('node:fs');
const os = require('node:os');

function rssMiB(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const fdCount = (pid) => readdirSync(`/proc/${pid}/fd`).length;

class Sampler {
  constructor({ pid, pg, everyMs, live }) {
    Object.assign(this, { pid, pg, everyMs, live });
    this.samples = [];
  }

  start(t0) {
    this.t0 = t0;
    const tick = async () => {
      try {
        const { rows } = await this.pg.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()");
        this.samples.push({ t: (Date.now() - this.t0) / 1000, rssMiB: rssMiB(this.pid), fds: fdCount(this.pid), pgConnections: rows[0].n, liveSessions: this.live(), load1: os.loadavg()[0] });
      } catch (error) {
        this.samples.push({ t: (Date.now() - this.t0) / 1000, error: String(error.message ?? error) });
      }
    };
    void tick();
    this.timer = setInterval(() => void tick(), this.everyMs);
  }

  stop() {
    clearInterval(this.timer);
  }
}

module.exports = { Sampler, rssMiB, fdCount };
