import { useQuery } from '@tanstack/react-query';
import { hasPermission, type Permission } from '../../../../shared/permissions.ts';
import { meQuery } from '../../../api/me.ts';

/** Whether the signed-in account holds a permission (to hide forms the API would refuse). */
export function useCan(permission: Permission): boolean {
  const me = useQuery(meQuery());
  const roles = me.data?.account.roles.map((r) => r.role) ?? [];
  return hasPermission(roles, permission);
}

/** Dates as 令和8年11月26日 in Japanese, ISO-like elsewhere. */
export function formatDay(value: string, language: string): string {
  const date = new Date(value.length === 10 ? `${value}T12:00:00+09:00` : value);
  return new Intl.DateTimeFormat(language.startsWith('ja') ? 'ja-JP-u-ca-japanese' : 'en-GB', {
    era: language.startsWith('ja') ? 'long' : undefined,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'Asia/Tokyo',
  }).format(date);
}
