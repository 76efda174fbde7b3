import { createHmac, KeyObject, sign as edSign } from 'node:crypto';
import { exportPublicKeyPem, generateTicketKeyPair, keyRingOf, TicketKeyPair } from './ticket-keys';
import { TicketSigner } from './ticket-signer';
import { MAX_TICKET_LENGTH, TicketVerifier } from './ticket-verifier';
import { TicketRejectedError, TicketRejectionReason } from './ticket.errors';
import { TicketClaims, TicketRequest } from './ticket.types';

const ISSUED_AT = new Date('2025-03-01T10:00:00Z');
const iat = ISSUED_AT.getTime() / 1000;
const request: TicketRequest = {
  sessionId: 'session-1',
  role: 'viewer',
  deviceId: 'device-1',
  sessionType: 'remoteControl',
  accessLevel: 'fullControl',
};
const validClaims: TicketClaims = {
  iss: 'rcgate',
  aud: 'rcgate-relay',
  sub: 'session-1',
  role: 'viewer',
  did: 'device-1',
  typ: 'remoteControl',
  lvl: 'fullControl',
  jti: 'jti-1',
  iat,
  exp: iat + 60,
};

const segment = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS built by hand, the way an attacker would, signed by `signature(signingInput)`. */
function handMadeToken(header: object, claims: object, signature: (input: string) => Buffer): string {
  const input = `${segment(header)}.${segment(claims)}`;
  return `${input}.${signature(input).toString('base64url')}`;
}

const ed25519 = (key: KeyObject) => (input: string) => edSign(null, Buffer.from(input), key);

let trusted: TicketKeyPair;
let now: Date;
let verifier: TicketVerifier;

beforeEach(() => {
  trusted = generateTicketKeyPair();
  now = ISSUED_AT;
  verifier = new TicketVerifier({ publicKeys: keyRingOf([trusted.publicKey]), clock: () => now });
});

const signedByTrustedKey = (claims: object) =>
  handMadeToken({ alg: 'EdDSA', kid: trusted.kid }, claims, ed25519(trusted.privateKey));

async function rejectionOf(token: string, expectedRole?: 'viewer' | 'agent'): Promise<TicketRejectionReason> {
  const error: unknown = await verifier.verify(token, expectedRole).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof TicketRejectedError)) throw new Error(`expected a rejection, got ${String(error)}`);
  return error.reason;
}

describe('TicketVerifier', () => {
  it('accepts a ticket from the signer and returns its claims', async () => {
    const signer = new TicketSigner({ ...trusted, issuer: 'rcgate', ttlSeconds: 60, clock: () => ISSUED_AT });
    const { ticket, jti } = await signer.sign(request);
    now = new Date(ISSUED_AT.getTime() + 59_000);
    await expect(verifier.verify(ticket, 'viewer')).resolves.toEqual({ ...validClaims, jti });
  });

  it('accepts tickets from either key during a key rotation', async () => {
    const next = generateTicketKeyPair();
    verifier = new TicketVerifier({ publicKeys: keyRingOf([trusted.publicKey, next.publicKey]), clock: () => now });
    const byNext = handMadeToken({ alg: 'EdDSA', kid: next.kid }, validClaims, ed25519(next.privateKey));
    await expect(verifier.verify(byNext)).resolves.toMatchObject({ sub: 'session-1' });
    await expect(verifier.verify(signedByTrustedKey(validClaims))).resolves.toMatchObject({ sub: 'session-1' });
  });

  describe('refuses forged tickets as badSignature', () => {
    it('alg none with an empty signature', async () => {
      const unsigned = `${segment({ alg: 'none', kid: trusted.kid })}.${segment(validClaims)}.`;
      expect(await rejectionOf(unsigned)).toBe('badSignature');
      const unsignedNoKid = `${segment({ alg: 'none' })}.${segment(validClaims)}.`;
      expect(await rejectionOf(unsignedNoKid)).toBe('badSignature');
    });

    it('HS256 keyed with the public key, which a relay must never treat as a secret', async () => {
      const publicPem = exportPublicKeyPem(trusted.publicKey);
      const publicDer = trusted.publicKey.export({ type: 'spki', format: 'der' });
      for (const secret of [publicPem, publicDer]) {
        const hmac = (input: string) => createHmac('sha256', secret).update(input).digest();
        const forged = handMadeToken({ alg: 'HS256', kid: trusted.kid }, validClaims, hmac);
        expect(await rejectionOf(forged)).toBe('badSignature');
      }
    });

    it('a real Ed25519 signature by another key claiming the trusted key id', async () => {
      const attacker = generateTicketKeyPair();
      const forged = handMadeToken({ alg: 'EdDSA', kid: trusted.kid }, validClaims, ed25519(attacker.privateKey));
      expect(await rejectionOf(forged)).toBe('badSignature');
    });

    it('a real Ed25519 signature by another key under its own key id', async () => {
      const attacker = generateTicketKeyPair();
      const forged = handMadeToken({ alg: 'EdDSA', kid: attacker.kid }, validClaims, ed25519(attacker.privateKey));
      expect(await rejectionOf(forged)).toBe('badSignature');
    });

    it('a genuine viewer ticket edited into an agent ticket', async () => {
      const [header, , signature] = signedByTrustedKey(validClaims).split('.');
      const edited = `${header}.${segment({ ...validClaims, role: 'agent' })}.${signature}`;
      expect(await rejectionOf(edited, 'agent')).toBe('badSignature');
    });
  });

  it('refuses a ticket once the clock reaches exp', async () => {
    const ticket = signedByTrustedKey(validClaims);
    now = new Date((validClaims.exp - 1) * 1000);
    await expect(verifier.verify(ticket)).resolves.toBeDefined();
    now = new Date(validClaims.exp * 1000);
    expect(await rejectionOf(ticket)).toBe('expired');
  });

  it('refuses a ticket meant for another audience', async () => {
    expect(await rejectionOf(signedByTrustedKey({ ...validClaims, aud: 'rcgate-api' }))).toBe('wrongAudience');
    expect(await rejectionOf(signedByTrustedKey({ ...validClaims, aud: ['rcgate-relay', 'rcgate-api'] }))).toBe(
      'wrongAudience',
    );
    const { aud: _omitted, ...withoutAudience } = validClaims;
    expect(await rejectionOf(signedByTrustedKey(withoutAudience))).toBe('wrongAudience');
  });

  it('refuses a viewer ticket presented as the agent, and the reverse', async () => {
    expect(await rejectionOf(signedByTrustedKey(validClaims), 'agent')).toBe('wrongRole');
    expect(await rejectionOf(signedByTrustedKey({ ...validClaims, role: 'agent' }), 'viewer')).toBe('wrongRole');
  });

  describe('refuses as malformed', () => {
    it('a ticket without exp', async () => {
      const { exp: _omitted, ...withoutExpiry } = validClaims;
      expect(await rejectionOf(signedByTrustedKey(withoutExpiry))).toBe('malformed');
    });

    it('a ticket that lives longer than 300 seconds', async () => {
      expect(await rejectionOf(signedByTrustedKey({ ...validClaims, exp: iat + 301 }))).toBe('malformed');
      await expect(verifier.verify(signedByTrustedKey({ ...validClaims, exp: iat + 300 }))).resolves.toBeDefined();
    });

    it('a ticket issued in the future', async () => {
      expect(await rejectionOf(signedByTrustedKey({ ...validClaims, iat: iat + 10, exp: iat + 70 }))).toBe(
        'malformed',
      );
    });

    it('signed claims of the wrong shape', async () => {
      expect(await rejectionOf(signedByTrustedKey({ ...validClaims, role: 'administrator' }))).toBe('malformed');
      expect(await rejectionOf(signedByTrustedKey({ ...validClaims, lvl: 'godMode' }))).toBe('malformed');
      expect(await rejectionOf(signedByTrustedKey({ ...validClaims, did: 42 }))).toBe('malformed');
      const { jti: _omitted, ...withoutJti } = validClaims;
      expect(await rejectionOf(signedByTrustedKey(withoutJti))).toBe('malformed');
    });

    it('a header without a key id', async () => {
      const noKid = handMadeToken({ alg: 'EdDSA' }, validClaims, ed25519(trusted.privateKey));
      expect(await rejectionOf(noKid)).toBe('malformed');
    });

    it.each([
      ['an empty string', ''],
      ['one word', 'ticket'],
      ['three dots of garbage', 'a.b.c'],
      ['an oversized token', 'a'.repeat(MAX_TICKET_LENGTH + 1)],
      ['a five-part JWE shape', 'eyJhbGciOiJkaXIifQ.....'],
    ])('%s', async (_name, token) => {
      expect(await rejectionOf(token)).toBe('malformed');
    });
  });
});
