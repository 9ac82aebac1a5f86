/**
 * The one request idiom (issue 20 item 3, decision 0027): route files open their transaction with
 * `staffWork` or `publicWork` and audit through the `audit` these hand them. This finds the idioms
 * that came before, so the next module copies the one that is left.
 */

export type RouteIdiomBreak = {
  rule: 'raw-transaction' | 'direct-audit' | 'local-wrapper';
  file: string;
  line: number;
};

const ROUTE_FILE = /^src\/server\/modules\/[^/]+\/[^/]+\.routes\.ts$/;

const RULES: Array<{ rule: RouteIdiomBreak['rule']; pattern: RegExp }> = [
  // A transaction of its own, beside staffWork/publicWork (asSystem stays: owner-level work is named).
  { rule: 'raw-transaction', pattern: /(?<![\w.])inTransaction\s*[<(]/ },
  // An audit row written at once instead of collected and appended before commit.
  { rule: 'direct-audit', pattern: /(?<![\w.])(appendAudit|appendAuditBatch|auditRequest)\s*[<(]/ },
  // A file's own wrapper around them: the copyable habit the issue removes.
  {
    rule: 'local-wrapper',
    pattern: /\b(?:function\s+(?:audit|inTenant)\b|(?:const|let)\s+(?:audit|inTenant)\s*=)/,
  },
];

const isComment = (line: string) => /^\s*(\/\/|\/\*|\*)/.test(line);

export function checkRouteIdiom(sources: Map<string, string>): RouteIdiomBreak[] {
  const breaks: RouteIdiomBreak[] = [];
  for (const [file, text] of [...sources].sort(([a], [b]) => a.localeCompare(b))) {
    if (!ROUTE_FILE.test(file)) continue;
    text.split('\n').forEach((line, index) => {
      if (isComment(line)) return;
      for (const { rule, pattern } of RULES) {
        if (pattern.test(line)) breaks.push({ rule, file, line: index + 1 });
      }
    });
  }
  return breaks;
}
