import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { generateTicketKeyPair } from './ticket-keys';
import { TicketSigner } from './ticket-signer';
import { InvalidTicketKeyError } from './ticket.errors';
import { TicketRequest } from './ticket.types';

const NOW = new Date('2025-03-01T10:00:00.400Z');
const request: TicketRequest = {
  sessionId: '7b0c3c1e-0d8a-4e4e-9d51-8b1f4f3c2a10',
  role: 'viewer',
  deviceId: 'd-42',
  sessionType: 'remoteControl',
  accessLevel: 'viewOnly',
};

function signerWith(overrides: Partial<ConstructorParameters<typeof TicketSigner>[0]> = {}): TicketSigner {
  const pair = generateTicketKeyPair();
  return new TicketSigner({
    privateKey: pair.privateKey,
    kid: pair.kid,
    issuer: 'https://rcgate.contoso.test',
    ttlSeconds: 60,
    clock: () => NOW,
    ...overrides,
  });
}

describe('TicketSigner', () => {
  it('signs the session, role, device, type and level into an EdDSA ticket for the relay', async () => {
    const { ticket, jti, expiresAt } = await signerWith({ kid: 'key-2025-03' }).sign(request);

    expect(decodeProtectedHeader(ticket)).toEqual({ alg: 'EdDSA', kid: 'key-2025-03' });
    expect(decodeJwt(ticket)).toEqual({
      iss: 'https://rcgate.contoso.test',
      aud: 'rcgate-relay',
      sub: request.sessionId,
      role: 'viewer',
      did: 'd-42',
      typ: 'remoteControl',
      lvl: 'viewOnly',
      jti,
      iat: 1740823200,
      exp: 1740823260,
    });
    expect(expiresAt).toEqual(new Date('2025-03-01T10:01:00.000Z'));
  });

  it('gives every ticket a fresh 256-bit jti', async () => {
    const signer = signerWith();
    const jtis = await Promise.all([1, 2, 3].map(async () => (await signer.sign(request)).jti));
    for (const jti of jtis) expect(Buffer.from(jti, 'base64url')).toHaveLength(32);
    expect(new Set(jtis).size).toBe(3);
  });

  it('refuses a TTL the relay would refuse', () => {
    expect(() => signerWith({ ttlSeconds: 301 })).toThrow(InvalidTicketKeyError);
    expect(() => signerWith({ ttlSeconds: 0 })).toThrow(InvalidTicketKeyError);
    expect(() => signerWith({ ttlSeconds: 1.5 })).toThrow(InvalidTicketKeyError);
  });

  it('refuses a key that is not an Ed25519 private key', () => {
    const { privateKey: ecPrivateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => signerWith({ privateKey: ecPrivateKey })).toThrow(InvalidTicketKeyError);
    expect(() => signerWith({ privateKey: generateTicketKeyPair().publicKey })).toThrow(InvalidTicketKeyError);
  });
});
