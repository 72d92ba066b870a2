import { describe, expect, it } from 'vitest';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { ConfigError, loadConfig } from '../config/config.js';

const pem = (key: KeyObject) => key.export({ type: key.type === 'private' ? 'pkcs8' : 'spki', format: 'pem' }).toString();
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** The one line start-up prints, or null when the configuration loads. */
function failure(env: Record<string, string>): string | null {
  try {
    loadConfig(env);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    return message;
  }
}

describe('JWT key configuration', () => {
  it('defaults to HS256 with the shared secret', () => {
    const config = loadConfig({ JWT_SECRET: 'a-secret-of-16-chars+' });
    expect(config.jwtKeys).toEqual({ algorithm: 'HS256', secret: 'a-secret-of-16-chars+' });
  });

  it('accepts a matching RS256 pair, PEM with \\n escapes, and derives a missing public key', () => {
    const oneLine = pem(rsa.privateKey).replace(/\n/g, '\\n');
    expect(loadConfig({ JWT_ALGORITHM: 'RS256', JWT_PRIVATE_KEY: oneLine, JWT_PUBLIC_KEY: pem(rsa.publicKey) }).jwtKeys.algorithm).toBe('RS256');
    const derived = loadConfig({ JWT_ALGORITHM: 'ES256', JWT_PRIVATE_KEY: pem(ec.privateKey) }).jwtKeys;
    expect(derived.algorithm === 'ES256' && derived.publicKey.equals(ec.publicKey)).toBe(true);
  });

  it('stops start-up with one line naming the variable at fault', () => {
    expect(failure({ JWT_ALGORITHM: 'HS512' })).toMatch(/^Invalid configuration: JWT_ALGORITHM: /);
    expect(failure({ JWT_ALGORITHM: 'RS256' })).toMatch(/^Invalid configuration: JWT_PRIVATE_KEY: required with JWT_ALGORITHM=RS256/);
    expect(failure({ JWT_ALGORITHM: 'RS256', JWT_PRIVATE_KEY: 'not a pem' })).toMatch(/JWT_PRIVATE_KEY: not a readable PEM private key/);
    expect(failure({ JWT_ALGORITHM: 'RS256', JWT_PRIVATE_KEY: pem(ec.privateKey) })).toMatch(/JWT_PRIVATE_KEY: RS256 needs an RSA key/);
    expect(failure({ JWT_ALGORITHM: 'ES256', JWT_PRIVATE_KEY: pem(rsa.privateKey) })).toMatch(/JWT_PRIVATE_KEY: ES256 needs an EC key/);
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(failure({ JWT_ALGORITHM: 'RS256', JWT_PRIVATE_KEY: pem(small.privateKey) })).toMatch(/at least 2048 bits/);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(failure({ JWT_ALGORITHM: 'RS256', JWT_PRIVATE_KEY: pem(rsa.privateKey), JWT_PUBLIC_KEY: pem(other.publicKey) })).toMatch(
      /JWT_PUBLIC_KEY: does not belong to JWT_PRIVATE_KEY/,
    );
    expect(failure({ JWT_ALGORITHM: 'RS256', JWT_PRIVATE_KEY: pem(rsa.privateKey), JWT_PUBLIC_KEY: 'garbage' })).toMatch(
      /JWT_PUBLIC_KEY: not a readable PEM public key/,
    );
    expect(failure({ JWT_ALGORITHM: 'ES256', JWT_PRIVATE_KEY_FILE: '/nonexistent/key.pem' })).toMatch(/JWT_PRIVATE_KEY_FILE: cannot read/);
    expect(failure({ JWT_ALGORITHM: 'ES256', JWT_PRIVATE_KEY: pem(ec.privateKey), JWT_PRIVATE_KEY_FILE: '/x.pem' })).toMatch(/either/);
    // A key pair left with HS256 would quietly keep the shared secret in use.
    expect(failure({ JWT_PRIVATE_KEY: pem(rsa.privateKey) })).toMatch(/JWT_ALGORITHM: JWT_PRIVATE_KEY is set but JWT_ALGORITHM is HS256/);
  });
});
