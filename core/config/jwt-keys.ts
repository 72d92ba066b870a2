import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const JWT_ALGORITHMS = ['HS256', 'RS256', 'ES256'] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

/** The keys tokens are signed and verified with, for the one configured algorithm. */
export type JwtKeys = { algorithm: 'HS256'; secret: string } | { algorithm: 'RS256' | 'ES256'; privateKey: KeyObject; publicKey: KeyObject };

/** A key setting that cannot be used; `variable` names the setting at fault. */
export class KeyConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

export interface JwtKeyEnv {
  JWT_ALGORITHM: JwtAlgorithm;
  JWT_SECRET?: string;
  JWT_PRIVATE_KEY?: string;
  JWT_PUBLIC_KEY?: string;
  JWT_PRIVATE_KEY_FILE?: string;
  JWT_PUBLIC_KEY_FILE?: string;
}

type PemName = 'JWT_PRIVATE_KEY' | 'JWT_PUBLIC_KEY';

/** A PEM from the variable itself (`\n` escapes allowed, for one-line env files) or from `<NAME>_FILE`. */
function readPem(env: JwtKeyEnv, name: PemName): { pem: string; variable: string } | null {
  const inline = env[name];
  const file = env[`${name}_FILE`];
  if (inline && file) throw new KeyConfigError(name, `set either ${name} or ${name}_FILE, not both`);
  if (file) {
    try {
      return { pem: readFileSync(file, 'utf8'), variable: `${name}_FILE` };
    } catch (error) {
      throw new KeyConfigError(`${name}_FILE`, `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return inline ? { pem: inline.replace(/\\n/g, '\n'), variable: name } : null;
}

/** Checks that a key is of the kind the algorithm needs: RSA of 2048+ bits, or EC on P-256. */
function checkKind(key: KeyObject, algorithm: 'RS256' | 'ES256', variable: string): void {
  if (algorithm === 'RS256') {
    if (key.asymmetricKeyType !== 'rsa') throw new KeyConfigError(variable, `RS256 needs an RSA key, got ${key.asymmetricKeyType}`);
    if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new KeyConfigError(variable, 'RS256 needs an RSA key of at least 2048 bits');
  } else {
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new KeyConfigError(variable, 'ES256 needs an EC key on the P-256 curve (prime256v1)');
    }
  }
}

/**
 * Resolves the signing and verification keys for JWT_ALGORITHM. Anything
 * unusable (a missing or malformed PEM, a key of the wrong kind, a public key
 * that does not belong to the private one) stops start-up with one line.
 */
export function resolveJwtKeys(env: JwtKeyEnv): JwtKeys {
  const algorithm = env.JWT_ALGORITHM;
  if (algorithm === 'HS256') {
    // A key pair with HS256 is almost surely a mistake that would leave the
    // deployment on a shared secret while its operators believe otherwise.
    for (const name of ['JWT_PRIVATE_KEY', 'JWT_PUBLIC_KEY', 'JWT_PRIVATE_KEY_FILE', 'JWT_PUBLIC_KEY_FILE'] as const) {
      if (env[name]) throw new KeyConfigError('JWT_ALGORITHM', `${name} is set but JWT_ALGORITHM is HS256; set JWT_ALGORITHM=RS256 or ES256`);
    }
    if (!env.JWT_SECRET) throw new KeyConfigError('JWT_SECRET', 'required with JWT_ALGORITHM=HS256');
    return { algorithm, secret: env.JWT_SECRET };
  }
  const privatePem = readPem(env, 'JWT_PRIVATE_KEY');
  if (!privatePem) throw new KeyConfigError('JWT_PRIVATE_KEY', `required with JWT_ALGORITHM=${algorithm} (a PEM, or JWT_PRIVATE_KEY_FILE)`);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(privatePem.pem);
  } catch {
    throw new KeyConfigError(privatePem.variable, 'not a readable PEM private key');
  }
  checkKind(privateKey, algorithm, privatePem.variable);

  const publicPem = readPem(env, 'JWT_PUBLIC_KEY');
  let publicKey: KeyObject;
  try {
    publicKey = publicPem ? createPublicKey(publicPem.pem) : createPublicKey(privateKey);
  } catch {
    throw new KeyConfigError(publicPem!.variable, 'not a readable PEM public key');
  }
  if (publicPem) {
    checkKind(publicKey, algorithm, publicPem.variable);
    const probe = Buffer.from('cur-api key pair check');
    if (!verify('sha256', probe, publicKey, sign('sha256', probe, privateKey))) {
      throw new KeyConfigError(publicPem.variable, 'does not belong to JWT_PRIVATE_KEY');
    }
  }
  return { algorithm, privateKey, publicKey };
}
