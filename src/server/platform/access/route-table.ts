import { PERMISSIONS, type Permission } from '../../../shared/permissions.ts';
import type { RouteEntry } from './guard.ts';

export const ROUTE_TABLE_FILE = 'docs/route-permissions.md';

/**
 * The committed route → permission table. A test regenerates it from the running app and fails on
 * any difference, so every change of who may call what shows up in review as a diff of this file.
 */
export function renderRouteTable(routes: RouteEntry[]): string {
  const lines = [
    '# Route → permission table',
    '',
    'Generated from the app by `npm run routes:table`; `test/api/route-permissions.test.ts` fails when it is',
    'out of date. A diff of this file is a permission change: review it as one.',
    '',
    '`public`: anyone, no login · `self`: any signed-in account, even before its second factor ·',
    '`internal`: the local control channel only. Other permissions need one of the listed roles and a',
    'completed second factor where the account requires one.',
    '',
    `${routes.length} routes.`,
    '',
    '| method | path | permission | roles |',
    '|---|---|---|---|',
  ];
  for (const r of routes) {
    const roles = r.permission in PERMISSIONS ? PERMISSIONS[r.permission as Permission].join(', ') : '—';
    lines.push(`| ${r.method} | \`${r.url}\` | \`${r.permission}\` | ${roles} |`);
  }
  return `${lines.join('\n')}\n`;
}
