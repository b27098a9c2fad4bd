import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';

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

/**
 * argon2id password hashes as PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`), with
 * Node's built-in implementation.
 */
export class PasswordHasher {
  #dummyHash: Promise<string> | undefined;
  /** How often `verifyAgainstDummy` ran; tests assert unknown emails cost a real verification. */
  dummyVerifications = 0;

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, PARAMETERS, TAG_BYTES);
    return `$argon2id$v=19$m=${PARAMETERS.memory},t=${PARAMETERS.passes},p=${PARAMETERS.parallelism}$${encode(salt)}$${encode(key)}`;
  }

  /** Compares in constant time; a malformed stored hash never matches. */
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
    const actual = await derive(
      password,
      Buffer.from(salt, 'base64'),
      { memory: Number(memory), passes: Number(passes), parallelism: Number(parallelism) },
      expected.length,
    );
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  /**
   * Spends the time of a real verification when there is no user to verify against, so a
   * missing account answers as slowly as a wrong password.
   */
  async verifyAgainstDummy(password: string): Promise<false> {
    this.#dummyHash ??= this.hash(randomBytes(32).toString('base64url'));
    this.dummyVerifications += 1;
    await this.verify(password, await this.#dummyHash);
    return false;
  }
}
