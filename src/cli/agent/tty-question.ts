import { createInterface } from 'node:readline';

export interface PromptIo {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
}

const defaultIo = (): PromptIo => ({ input: process.stdin, output: process.stderr });

/**
 * Asks a yes/no question; resolves true only for an explicit yes within
 * `timeoutMs`. No terminal, no answer, end of input: no.
 */
export function askYesNo(question: string, timeoutMs: number, io: PromptIo = defaultIo()): Promise<boolean> {
  if (io.input === process.stdin && !process.stdin.isTTY) {
    io.output.write(`${question}\n  (no terminal to ask on: denied)\n`);
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const rl = createInterface({ input: io.input, output: io.output, terminal: false });
    let settled = false;
    const finish = (granted: boolean, note?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (note) io.output.write(`${note}\n`);
      rl.close();
      resolve(granted);
    };
    const timer = setTimeout(() => finish(false, '\n  (no answer in time: denied)'), timeoutMs);
    rl.once('line', (line) => finish(/^\s*y(es)?\s*$/i.test(line)));
    rl.once('close', () => finish(false));
    io.output.write(question);
  });
}
