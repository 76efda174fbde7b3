import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { AddressInfo, createServer } from 'node:net';

/** True when Xvfb, x11vnc and xsetroot are installed (.ci/run installs them). */
export const haveXTools = (): boolean => ['Xvfb', 'x11vnc', 'xsetroot'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A virtual X display painted a solid colour, served by x11vnc on a free local port without a password. */
export interface XDesktop {
  display: string;
  vncPort: number;
  stop(): Promise<void>;
}

export async function startXDesktop(colour = 'red'): Promise<XDesktop> {
  // -displayfd: Xvfb picks a free display itself and reports it, so parallel runs never collide.
  // -noreset: without it the server resets (root back to black) whenever its last client leaves.
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-noreset', '-screen', '0', '640x480x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  const display = `:${(await firstLine(xvfb, 3, 20_000)).trim()}`;
  const vncPort = await freePort();
  const vnc = spawn('x11vnc', ['-display', display, '-localhost', '-nopw', '-shared', '-forever', '-rfbport', String(vncPort), '-noxdamage', '-quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await waitForOutput(vnc, new RegExp(`PORT=${vncPort}`), 20_000);
  const paint = spawnSync('xsetroot', ['-display', display, '-solid', colour]);
  if (paint.status !== 0) throw new Error(`xsetroot failed: ${paint.stderr.toString()}`);
  const stop = async () => {
    await Promise.all([kill(vnc), kill(xvfb)]);
  };
  return { display, vncPort, stop };
}

function firstLine(child: ChildProcess, fd: number, timeoutMs: number): Promise<string> {
  const stream = child.stdio[fd] as NodeJS.ReadableStream;
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('Xvfb did not report its display')), timeoutMs);
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(text);
      }
    });
    child.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`x11vnc not ready: ${text}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (pattern.test(text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`x11vnc exited with ${code}: ${text}`)));
  });
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}
