import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = join(__dirname, '..', '..', '..', 'bin', 'rcgate.js');
const BUILT = join(__dirname, '..', '..', '..', 'dist', 'cli', 'commands', 'agent.command.js');

/** `rcgate …` as a child process, with its output kept for assertions and failure messages. */
export class CliProcess {
  readonly child: ChildProcess;
  private out = '';
  private err = '';
  readonly exited: Promise<number | null>;

  constructor(args: string[], env: Record<string, string>) {
    if (!existsSync(BUILT)) throw new Error('dist/ is missing the CLI: run `npm run build` first (npm test does)');
    const home = env.HOME ? undefined : mkdtempSync(join(tmpdir(), 'rcgate-home-'));
    this.child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', ...(home ? { HOME: home } : {}), ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    if (home) this.child.once('exit', () => rmSync(home, { recursive: true, force: true }));
    this.child.stdout?.on('data', (chunk: Buffer) => (this.out += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.err += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  }

  get stdout(): string {
    return this.out;
  }

  get stderr(): string {
    return this.err;
  }

  /** Resolves with the first match of `pattern` in stdout+stderr; fails (with the output) on timeout or exit. */
  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    let exitCode: number | null | undefined;
    void this.exited.then((code) => (exitCode = code));
    for (;;) {
      const match = pattern.exec(`${this.out}${this.err}`);
      if (match) return match;
      if (exitCode !== undefined || Date.now() > deadline) {
        throw new Error(`${exitCode !== undefined ? `exited ${exitCode}` : 'timed out'} waiting for ${pattern}:\n--- stdout\n${this.out}\n--- stderr\n${this.err}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

export interface AgentSpec {
  server: string;
  enrollmentKey: string;
  name: string;
  target: string;
  rdpTarget?: string;
  consent?: string;
  /** A logged-on user (consent applies); without one the device is unattended. */
  user?: string;
  stateDir?: string;
}

/** Starts `rcgate agent` and waits until its first heartbeat was accepted; resolves with it and its device id. */
export async function startAgent(spec: AgentSpec): Promise<{ agent: CliProcess; deviceId: string; stateDir: string }> {
  const stateDir = spec.stateDir ?? mkdtempSync(join(tmpdir(), 'rcgate-agent-state-'));
  const args = ['agent', '--name', spec.name, '--site', 'S01', '--target', spec.target, '--state-dir', stateDir, '--consent', spec.consent ?? 'grant'];
  args.push(...(spec.user ? ['--user', spec.user] : ['--unattended']));
  if (spec.rdpTarget) args.push('--rdp-target', spec.rdpTarget);
  const agent = new CliProcess(args, { RCGATE_SERVER: spec.server, RCGATE_ENROLLMENT_KEY: spec.enrollmentKey });
  const ready = await agent.waitFor(/agent ready: device ([0-9a-f-]{36})/);
  return { agent, deviceId: ready[1], stateDir };
}

/** Starts `rcgate connect` with the operator's token in RCGATE_* variables. */
export function startConnect(server: string, token: string, args: string[]): CliProcess {
  return new CliProcess(['connect', ...args], { RCGATE_SERVER: server, RCGATE_TOKEN: token });
}

/** The local port `rcgate connect` tells the user to point a client at. */
export async function localPortOf(connect: CliProcess, timeoutMs = 60_000): Promise<number> {
  const match = await connect.waitFor(/Point your (?:VNC viewer|RDP client) at 127\.0\.0\.1:(\d+)/, timeoutMs);
  return Number(match[1]);
}
