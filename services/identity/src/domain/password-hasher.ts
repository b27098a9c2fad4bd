import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Semaphore } from './semaphore.js';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
const PARAMETERS = { memory: 19_456, passes: 2, parallelism: 1 } as const;
const SALT_BYTES = 16;
const TAG_BYTES = 32;
const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function derive(
  password: string,
  salt: Buffer,
  parameters: { memory: number; passes: number; parallelism: number },
  tagLength: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    argon2(
      'argon2id',
      { message: password, nonce: salt, tagLength, ...parameters },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/** PHC strings carry base64 without padding. */
const encode = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, PARAMETERS, TAG_BYTES);
  return `$argon2id$v=19$m=${PARAMETERS.memory},t=${PARAMETERS.passes},p=${PARAMETERS.parallelism}$${encode(salt)}$${encode(key)}`;
}

export interface PasswordHasherOptions {
  /** argon2 computations at once (default: the cores, at least 2). */
  concurrency?: number;
  /** Computations waiting for a turn before further ones are refused as `unavailable`. */
  maxWaiting?: number;
}

/**
 * argon2id password hashes as PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`), with
 * Node's built-in implementation.
 *
 * Each computation takes ~19 MiB and real CPU, so they are bounded: a burst of sign-ins waits its
 * turn in a short queue and past that is refused (`unavailable`), instead of exhausting memory and
 * starving everything else the process serves.
 */
export class PasswordHasher {
  readonly #semaphore: Semaphore;
  #dummyHash: Promise<string> | undefined;
  /** How often `verifyAgainstDummy` ran; tests assert unknown emails cost a real verification. */
  dummyVerifications = 0;

  constructor(options: PasswordHasherOptions = {}) {
    this.#semaphore = new Semaphore(
      options.concurrency ?? Math.max(2, availableParallelism()),
      options.maxWaiting ?? 64,
    );
  }

  hash(password: string): Promise<string> {
    return this.#semaphore.run(() => hashPassword(password));
  }

  /**
   * Compares in constant time; a malformed stored hash never matches. Throws `unavailable` when
   * too many computations are already waiting.
   */
  async verify(password: string, phc: string): Promise<boolean> {
    const match = PHC.exec(phc);
    if (!match) return false;
    const [, memory, passes, parallelism, salt, hash] = match as unknown as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const expected = Buffer.from(hash, 'base64');
    const actual = await this.#semaphore.run(() =>
      derive(
        password,
        Buffer.from(salt, 'base64'),
        { memory: Number(memory), passes: Number(passes), parallelism: Number(parallelism) },
        expected.length,
      ),
    );
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  /**
   * Spends the time of a real verification when there is no user to verify against, so a
   * missing account answers as slowly as a wrong password.
   */
  async verifyAgainstDummy(password: string): Promise<false> {
    // Made once per process and outside the queue: a refusal must not be remembered as the hash.
    this.#dummyHash ??= hashPassword(randomBytes(32).toString('base64url'));
    this.dummyVerifications += 1;
    await this.verify(password, await this.#dummyHash);
    return false;
  }
}
