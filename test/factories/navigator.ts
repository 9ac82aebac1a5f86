import type { TestApp } from '../helpers/app.ts';
import type { LoggedIn } from '../helpers/auth.ts';
import { send } from './request.ts';

/**
 * A window of the town for the navigator (fictional), added through the staff API by `admin` (a holder
 * of navigator.local.manage, the town's municipal_admin); returns its id.
 */
export async function createLocalWindow(
  t: TestApp,
  admin: LoggedIn,
  over: Record<string, unknown> = {},
): Promise<string> {
  const created = await send(t, admin, {
    method: 'POST',
    url: '/api/navigator/local/windows',
    payload: { kind: 'municipality_nhi', name: '（テスト）国民健康保険課', phone: '000-0000-0001', ...over },
  });
  return created.id;
}

/** A scheme of the town for the navigator (fictional), added by `admin` as createLocalWindow; returns its id. */
export async function createLocalScheme(
  t: TestApp,
  admin: LoggedIn,
  over: Record<string, unknown> = {},
): Promise<string> {
  const created = await send(t, admin, {
    method: 'POST',
    url: '/api/navigator/local/schemes',
    payload: {
      title: '（テスト）くらしと仕事の相談会',
      summary: '仕事をやめた人と家族のための相談会です（テスト）。',
      topic: 'living',
      where: 'jiritsu_soudan',
      effectiveFrom: '2026-04-01',
      source: { title: '（テスト）実施要領', url: 'https://example.org/navigator' },
      checkedOn: '2026-11-01',
      ...over,
    },
  });
  return created.id;
}
