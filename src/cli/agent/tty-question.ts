import { createInterface } from 'node:readline';

export interface PromptIo {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
}

const defaultIo = (): PromptIo => ({ input: process.stdin, output: process.stderr });

export type YesNoAnswer = 'granted' | 'denied' | 'unanswered';

/**
 * Asks a yes/no question: an explicit yes grants, any other line (or end
 * of input, or no terminal to ask on) denies, silence until `timeoutMs` is
 * unanswered.
 */
export function askYesNo(question: string, timeoutMs: number, io: PromptIo = defaultIo()): Promise<YesNoAnswer> {
  if (io.input === process.stdin && !process.stdin.isTTY) {
    io.output.write(`${question}\n  (no terminal to ask on: denied)\n`);
    return Promise.resolve('denied');
  }
  return new Promise((resolve) => {
    const rl = createInterface({ input: io.input, output: io.output, terminal: false });
    let settled = false;
    const finish = (answer: YesNoAnswer, note?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (note) io.output.write(`${note}\n`);
      rl.close();
      resolve(answer);
    };
    const timer = setTimeout(() => finish('unanswered', '\n  (no answer in time)'), timeoutMs);
    rl.once('line', (line) => finish(/^\s*y(es)?\s*$/i.test(line) ? 'granted' : 'denied'));
    rl.once('close', () => finish('denied'));
    io.output.write(question);
  });
}
