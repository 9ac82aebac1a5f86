import { and, desc, eq, lte } from 'drizzle-orm';
import { RETURN_ITEMS, type ReturnItems } from '../../../shared/contracts/insights.ts';
import { prefectureTenantCode } from '../../../shared/municipality-code.ts';
import type { Tx } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { buildReferenceEntries } from '../municipalities/index.ts';
import { prefectureCentres, statusReturns } from './insights.tables.ts';
import { municipalityEntry } from './returns.service.ts';

/**
 * The public status of any municipality, whether or not it runs Tsunagari: its declared window and
 * services from its latest accepted return (its own, or the one its prefecture entered), and the
 * prefecture's ひきこもり地域支援センター. Runs in the public scope (accepted returns only). Person
 * counts are not part of it; the contact e-mail of a return is never shown.
 */
const SERVICE_ITEMS = [
  'platform.exists',
  'programme.centre',
  'programme.station',
  'programme.support',
  'programme.multiLayered',
  'places.total',
  'places.age40to64',
  'family.classSessions',
  'subsidy.programme',
] as const;

export async function municipalityStatus(
  tx: Tx,
  code: string,
  fiscalYearAtMost: number,
  profile: {
    welfareContact: { department: string; phone: string; hours?: string } | null;
    isDemo: boolean;
  } | null,
) {
  const entry = municipalityEntry(code);
  if (!entry) throw notFound();
  const prefecture = buildReferenceEntries().find(
    (e) => e.kind === 'prefecture' && e.prefectureCode === entry.prefectureCode,
  )!;
  const [latest] = await tx
    .select({
      fiscalYear: statusReturns.fiscalYear,
      items: statusReturns.items,
      enteredBy: statusReturns.enteredBy,
      isDemo: statusReturns.isDemo,
    })
    .from(statusReturns)
    .where(
      and(
        eq(statusReturns.municipalityCode, code),
        eq(statusReturns.state, 'accepted'),
        lte(statusReturns.fiscalYear, fiscalYearAtMost),
      ),
    )
    .orderBy(desc(statusReturns.fiscalYear))
    .limit(1);
  const [centre] = await tx
    .select()
    .from(prefectureCentres)
    .where(eq(prefectureCentres.municipalityCode, prefectureTenantCode(entry.prefectureCode)));
  const items: ReturnItems = latest?.items ?? {};
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const window =
    items['window.exists'] === true
      ? {
          name: text(items['window.name']),
          department: text(items['window.department']),
          phone: text(items['window.phone']),
          hours: text(items['window.hours']),
        }
      : !latest && profile?.welfareContact
        ? {
            name: '',
            department: profile.welfareContact.department,
            phone: profile.welfareContact.phone,
            hours: profile.welfareContact.hours ?? '',
          }
        : null;
  const services = SERVICE_ITEMS.flatMap((id) => {
    const value = items[id];
    const def = RETURN_ITEMS.find((i) => i.id === id)!;
    return typeof value === 'boolean' || typeof value === 'number'
      ? [{ id, ja: def.ja, en: def.en, value }]
      : [];
  });
  return {
    code,
    name: entry.name,
    prefectureCode: entry.prefectureCode,
    prefectureName: prefecture.name,
    usesTsunagari: profile !== null,
    fiscalYear: latest?.fiscalYear ?? null,
    enteredBy: latest?.enteredBy ?? null,
    window,
    services,
    prefectureCentre: centre
      ? { name: centre.name, phone: centre.phone, hours: centre.hours, url: centre.url }
      : null,
    isDemo: (profile?.isDemo ?? false) || (latest?.isDemo ?? false),
  };
}
