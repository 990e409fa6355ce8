import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { smokeWriteAllowed } from './smokeWriteAllowed.js';
import { fileURLToPath } from 'node:url';

/**
 * In smoke mode a suite must not overwrite real figures (a package's bench file that saves its
 * own `results.json`, for example): `fs.writeFileSync`, `fs.writeFile` and
 * `fs.promises.writeFile` skip any path outside `allowedDirs`, and report it. Named ESM imports
 * of `node:fs` see the wrappers through `syncBuiltinESMExports`.
 *
 * @param allowedDirs - absolute directories where writes are allowed (results dir, tmpdir).
 * @param onSkip - called with each skipped path.
 * @param protectedDir - the workspace root: protected even when it lies inside the tmpdir.
 */
export function guardSmokeWrites(
  allowedDirs: readonly string[],
  onSkip: (path: string) => void,
  protectedDir?: string,
): void {
  const skip = (target: unknown): boolean => {
    if (smokeWriteAllowed(target, allowedDirs, protectedDir)) return false;
    onSkip(String(target instanceof URL ? fileURLToPath(target) : target));
    return true;
  };
  const writeFileSync = fs.writeFileSync;
  const writeFile = fs.writeFile;
  const writeFilePromise = fs.promises.writeFile;
  fs.writeFileSync = (target: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    if (skip(target)) return;
    (writeFileSync as (...a: unknown[]) => void)(target, ...rest);
  };
  fs.writeFile = ((target: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    if (skip(target)) {
      const callback = rest[rest.length - 1];
      if (typeof callback === 'function')
        queueMicrotask(() => (callback as (e: null) => void)(null));
      return;
    }
    (writeFile as (...a: unknown[]) => void)(target, ...rest);
  }) as typeof fs.writeFile;
  fs.promises.writeFile = ((target: unknown, ...rest: unknown[]) =>
    skip(target)
      ? Promise.resolve()
      : (writeFilePromise as (...a: unknown[]) => Promise<void>)(
          target,
          ...rest,
        )) as typeof fs.promises.writeFile;
  syncBuiltinESMExports();
}
