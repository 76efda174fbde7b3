import { PassThrough } from 'node:stream';
import { refuseUpgradeTooManyRequests } from './upgrade-refusal';

describe('refuseUpgradeTooManyRequests', () => {
  it('answers a refused relay upgrade with 429 problem+json and Retry-After, then closes', async () => {
    const socket = new PassThrough();
    const written: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => written.push(chunk));
    const ended = new Promise((resolve) => socket.on('end', resolve));
    refuseUpgradeTooManyRequests(socket, 41.2);
    await ended;
    const [head, body] = Buffer.concat(written).toString().split('\r\n\r\n');
    expect(head.split('\r\n')).toEqual(expect.arrayContaining(['HTTP/1.1 429 Too Many Requests', 'Retry-After: 42', 'Connection: close', 'X-Error-Code: tooManyRequests']));
    expect(JSON.parse(body)).toMatchObject({ status: 429, code: 'tooManyRequests', instance: '/relay/v1/connect' });
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
  });
});
