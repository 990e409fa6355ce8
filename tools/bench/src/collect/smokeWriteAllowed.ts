import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Whether a write to `target` is allowed in smoke mode: only inside one of `allowedDirs`, and
 * never inside `protectedDir` (the workspace) unless the allowed directory containing it is
 * itself inside `protectedDir` — so a checkout under the temp directory stays protected.
 *
 * @param target - the path, URL or file descriptor written to.
 * @param allowedDirs - absolute directories where writes are allowed.
 * @param protectedDir - absolute directory (the workspace root) whose files smoke runs keep.
 * @returns `true` when the write may go ahead (file descriptors always may).
 */
export function smokeWriteAllowed(
  target: unknown,
  allowedDirs: readonly string[],
  protectedDir?: string,
): boolean {
  let path: string;
  if (typeof target === 'string') path = resolve(target);
  else if (target instanceof URL) path = fileURLToPath(target);
  else if (target instanceof Buffer) path = resolve(target.toString());
  else return true;
  const inside = (dir: string, p: string): boolean =>
    p === resolve(dir) || p.startsWith(`${resolve(dir)}${sep}`);
  return allowedDirs.some(
    (dir) =>
      inside(dir, path) &&
      (protectedDir === undefined ||
        !inside(protectedDir, path) ||
        inside(protectedDir, resolve(dir))),
  );
}
