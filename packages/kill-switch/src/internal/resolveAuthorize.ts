import { createHash, timingSafeEqual } from 'node:crypto';
import { KILL_SWITCH_ERROR, KillSwitchError } from '../errors/KillSwitchError.js';
import type { Authorize, KillSwitchAuthOptions } from '../KillSwitchOptions.js';
import { checkFunction } from './validate.js';

/**
 * The default authorization: any operator presenting the configured secret. Both sides are
 * hashed to equal-length SHA-256 digests first, so `timingSafeEqual` compares in constant time
 * and the token's length leaks nothing.
 */
export function secretAuthorizer(secret: string): Authorize {
  const expected = createHash('sha256').update(secret, 'utf8').digest();
  return (_operator, token) =>
    timingSafeEqual(createHash('sha256').update(token, 'utf8').digest(), expected);
}

/**
 * @returns the reset authorization of `options`: `authorize`, or a constant-time `secret` compare.
 * @throws KillSwitchError when neither or both are given, or one has a bad type.
 */
export function resolveAuthorize(options: KillSwitchAuthOptions): Authorize {
  const { authorize, secret } = options;
  if (authorize !== undefined && secret !== undefined) {
    throw new KillSwitchError(
      KILL_SWITCH_ERROR.invalidArgument,
      'options.secret',
      '<redacted>',
      'options.authorize and options.secret are exclusive: give exactly one',
    );
  }
  if (authorize !== undefined) {
    checkFunction('options.authorize', authorize);
    return authorize;
  }
  if (secret !== undefined) {
    if (typeof secret !== 'string' || secret.length === 0) {
      throw new KillSwitchError(
        KILL_SWITCH_ERROR.invalidArgument,
        'options.secret',
        typeof secret,
        `options.secret must be a non-empty string, got ${typeof secret === 'string' ? 'an empty string' : typeof secret}`,
      );
    }
    return secretAuthorizer(secret);
  }
  throw new KillSwitchError(
    KILL_SWITCH_ERROR.noAuthorization,
    'options.authorize',
    undefined,
    'a kill switch needs options.authorize(operator, token) or options.secret to authorize resets',
  );
}
