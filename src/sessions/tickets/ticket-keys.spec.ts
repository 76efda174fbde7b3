import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import {
  exportPrivateKeyPem,
  exportPublicKeyPem,
  generateTicketKeyPair,
  importPrivateKeyPem,
  importPublicKeyPem,
  keyIdOf,
  keyRingOf,
  publicKeyOf,
} from './ticket-keys';
import { InvalidTicketKeyError } from './ticket.errors';

describe('ticket keys', () => {
  it('round-trips an Ed25519 pair through PKCS8 and SPKI PEM', () => {
    const pair = generateTicketKeyPair();
    const privatePem = exportPrivateKeyPem(pair.privateKey);
    const publicPem = exportPublicKeyPem(pair.publicKey);
    expect(privatePem).toContain('-----BEGIN PRIVATE KEY-----');
    expect(publicPem).toContain('-----BEGIN PUBLIC KEY-----');

    const message = Buffer.from('session 42');
    const signature = sign(null, message, importPrivateKeyPem(privatePem));
    expect(verify(null, message, importPublicKeyPem(publicPem), signature)).toBe(true);
  });

  it('derives the key id from the SPKI DER: 16 base64url characters of its SHA-256', () => {
    const pair = generateTicketKeyPair();
    const der = pair.publicKey.export({ type: 'spki', format: 'der' });
    const expected = createHash('sha256').update(der).digest('base64url').slice(0, 16);
    expect(pair.kid).toBe(expected);
    expect(pair.kid).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('gives the same key id on the API (from the private key) and on a relay (from the public PEM)', () => {
    const pair = generateTicketKeyPair();
    const onApi = keyIdOf(publicKeyOf(importPrivateKeyPem(exportPrivateKeyPem(pair.privateKey))));
    const onRelay = keyIdOf(importPublicKeyPem(exportPublicKeyPem(pair.publicKey)));
    expect(onApi).toBe(pair.kid);
    expect(onRelay).toBe(pair.kid);
  });

  it('gives different keys different ids', () => {
    expect(generateTicketKeyPair().kid).not.toBe(generateTicketKeyPair().kid);
  });

  it('keeps the private key out of a relay', () => {
    const privatePem = exportPrivateKeyPem(generateTicketKeyPair().privateKey);
    expect(() => importPublicKeyPem(privatePem)).toThrow(InvalidTicketKeyError);
  });

  it('refuses keys that are not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsaPrivatePem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const rsaPublicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => importPrivateKeyPem(rsaPrivatePem)).toThrow(/Ed25519 private key/);
    expect(() => importPublicKeyPem(rsaPublicPem)).toThrow(/Ed25519 public key/);
    expect(() => keyIdOf(rsa.publicKey)).toThrow(InvalidTicketKeyError);
  });

  it('refuses text that is not PEM', () => {
    expect(() => importPrivateKeyPem('not a key')).toThrow(InvalidTicketKeyError);
    expect(() => importPublicKeyPem('not a key')).toThrow(InvalidTicketKeyError);
  });

  it('builds a key ring keyed by derived key id', () => {
    const first = generateTicketKeyPair();
    const second = generateTicketKeyPair();
    const ring = keyRingOf([first.publicKey, second.publicKey]);
    expect([...ring.keys()]).toEqual([first.kid, second.kid]);
    expect(ring.get(second.kid)).toBe(second.publicKey);
  });
});
