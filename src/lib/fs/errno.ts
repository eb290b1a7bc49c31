// Node's file-system errors carry their POSIX name in `code` (ENOENT, EEXIST, …).

/** Whether `error` is a Node error with one of `codes`. */
export function isCode(error: unknown, ...codes: string[]): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    codes.includes((error as { code: string }).code)
  );
}
