import { KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { InvalidTicketKeyError } from './ticket.errors';

export interface TicketKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  kid: string;
}

export function generateTicketKeyPair(): TicketKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, kid: keyIdOf(publicKey) };
}

/**
 * Derived from the key itself, so the API and every relay agree on it
 * without configuration, and a rotated key gets a new id by construction.
 */
export function keyIdOf(publicKey: KeyObject): string {
  assertEd25519(publicKey, 'public');
  const spkiDer = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spkiDer).digest('base64url').slice(0, 16);
}

export function exportPrivateKeyPem(privateKey: KeyObject): string {
  assertEd25519(privateKey, 'private');
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function exportPublicKeyPem(publicKey: KeyObject): string {
  assertEd25519(publicKey, 'public');
  return publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

export function importPrivateKeyPem(pem: string): KeyObject {
  const key = parseKey(() => createPrivateKey({ key: pem, format: 'pem' }), 'PKCS8 private key');
  assertEd25519(key, 'private');
  return key;
}

/** Accepts only an SPKI public key: a relay must never be handed the private key. */
export function importPublicKeyPem(pem: string): KeyObject {
  if (pem.includes('PRIVATE KEY')) {
    throw new InvalidTicketKeyError('expected an SPKI public key, got a private key');
  }
  const key = parseKey(() => createPublicKey({ key: pem, format: 'pem' }), 'SPKI public key');
  assertEd25519(key, 'public');
  return key;
}

export function publicKeyOf(privateKey: KeyObject): KeyObject {
  assertEd25519(privateKey, 'private');
  return createPublicKey(privateKey);
}

export function assertEd25519(key: KeyObject, type: 'public' | 'private'): void {
  if (key.type !== type || key.asymmetricKeyType !== 'ed25519') {
    throw new InvalidTicketKeyError(
      `expected an Ed25519 ${type} key, got ${key.asymmetricKeyType ?? 'a'} ${key.type} key`,
    );
  }
}

function parseKey(parse: () => KeyObject, what: string): KeyObject {
  try {
    return parse();
  } catch (error) {
    throw new InvalidTicketKeyError(`not a PEM ${what}: ${(error as Error).message}`);
  }
}

/** Public keys by their derived key id, as TicketVerifier takes them. */
export function keyRingOf(publicKeys: readonly KeyObject[]): Map<string, KeyObject> {
  return new Map(publicKeys.map((key) => [keyIdOf(key), key]));
}
