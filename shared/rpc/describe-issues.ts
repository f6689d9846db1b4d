import type { z } from 'zod';

/** `value[0].properties.driveList[1].driveId` — the path an operator or a script can act on. */
export function formatIssuePath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(the whole document)' : out;
}

/** One line per problem, naming the field: what a malformed payload gets back. */
export function describeIssues(error: z.ZodError, prefix = '', maxIssues = 5): string {
  const lines = error.issues
    .slice(0, maxIssues)
    .map((issue) => `${formatIssuePath(issue.path, prefix)}: ${issue.message}`);
  const more = error.issues.length - maxIssues;
  return more > 0 ? `${lines.join('; ')}; and ${more} more` : lines.join('; ');
}
