import { toCsv, withBom } from '../../platform/text/csv.ts';
import { describeOpeningHours, viewOpeningHours, WEEKDAY_JA, WEEKDAYS } from './places.hours.ts';
import type { PlaceContent } from './places.schema.ts';
import type { placeListings } from './places.tables.ts';

/**
 * Open data from the published entries only (the same projection the public search reads).
 *
 * 1. 推奨データセット「公共施設一覧」 CSV: the older 内閣官房 column set listed in BRIEF, UTF-8 with a BOM,
 *    CRLF, file name `<6-digit code>_public_facility.csv`.
 * 2. Open Referral HSDS (3.0) style JSON: services with their organization, locations, phones and
 *    schedules (RFC 5545 parts, as HSDS models them).
 */
type Listing = typeof placeListings.$inferSelect;

export const PUBLIC_FACILITY_COLUMNS = [
  '都道府県コード又は市区町村コード',
  'NO',
  '都道府県名',
  '市区町村名',
  '名称',
  '名称_カナ',
  '名称_通称',
  'POIコード',
  '住所',
  '方書',
  '緯度',
  '経度',
  '電話番号',
  '内線番号',
  '法人番号',
  '団体名',
  '利用可能曜日',
  '開始時間',
  '終了時間',
  '利用可能日時特記事項',
  '説明',
  'バリアフリー情報',
  'URL',
  '備考',
] as const;

export const KIND_LABEL_JA: Record<PlaceContent['kind'], string> = {
  ibasho: '居場所',
  consultation_window: '相談窓口',
  family_association: '家族会',
  peer_space: 'ピアの場',
  opportunity: '社会参加の選択肢',
};
const AUDIENCE_JA = { person: '本人', family: '家族', both: '本人・家族' } as const;
const DELIVERY_JA = { in_person: '来所', online: 'オンライン', both: '来所・オンライン' } as const;

const toKatakana = (s: string) =>
  s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));

export function publicFacilityCsv(listings: Listing[]): string {
  const lines: string[][] = [[...PUBLIC_FACILITY_COLUMNS]];
  listings.forEach((l, i) => {
    const c = l.content;
    const hours = viewOpeningHours(c.openingHours);
    const days = WEEKDAYS.filter((d) =>
      hours.some((h) => h.freq === 'WEEKLY' && h.days.some((x) => x.day === d)),
    );
    // One start/end pair fits the columns only when every rule shares it; otherwise the note says all.
    const uniform =
      hours.length > 0 && hours.every((h) => h.start === hours[0]!.start && h.end === hours[0]!.end);
    const note = [hours.map(describeOpeningHours).join('／'), c.openingNote].filter(Boolean).join('。');
    lines.push([
      l.municipalityCode,
      String(i + 1),
      l.prefectureName,
      l.municipalityName,
      c.name,
      toKatakana(c.nameKana),
      c.aliasName,
      '',
      c.address,
      c.addressDetail,
      c.location ? String(c.location.lat) : '',
      c.location ? String(c.location.lng) : '',
      c.contact.phone ?? '',
      '',
      c.operator.corporateNumber ?? '',
      c.operator.name,
      days.map((d) => WEEKDAY_JA[d]).join(','),
      uniform ? hours[0]!.start : '',
      uniform ? hours[0]!.end : '',
      note,
      c.description,
      c.accessibility,
      c.contact.url ?? '',
      [
        `種別: ${KIND_LABEL_JA[c.kind]}`,
        `対象: ${AUDIENCE_JA[c.audience]}`,
        `参加方法: ${DELIVERY_JA[c.delivery]}`,
        c.cost ? `費用: ${c.cost}` : '',
        l.status === 'paused' ? '休止中' : '',
        c.verifiedOn ? `最終確認日: ${c.verifiedOn}` : '',
      ]
        .filter(Boolean)
        .join('／'),
    ]);
  });
  return withBom(toCsv(lines));
}

const DAY_NAMES_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function hsdsDocument(
  listings: Listing[],
  meta: { municipalityCode: string; generatedAt: string; baseUrl: string },
) {
  return {
    hsds_version: '3.0',
    generated_at: meta.generatedAt,
    municipality_code: meta.municipalityCode,
    services: listings.map((l) => {
      const c = l.content;
      const hours = viewOpeningHours(c.openingHours);
      return {
        id: l.id,
        name: c.name,
        alternate_name: c.aliasName || null,
        description: c.description,
        url: c.contact.url ?? `${meta.baseUrl}/places/${l.id}`,
        email: c.contact.email,
        status: l.status === 'active' ? 'active' : 'temporarily closed',
        fees_description: c.cost || null,
        eligibility_description: `対象: ${AUDIENCE_JA[c.audience]}`,
        last_modified: l.publishedAt.toISOString(),
        assured_date: c.verifiedOn,
        languages: c.languages.map((code) => ({ code })),
        organization: {
          id: c.operator.corporateNumber ?? `${l.municipalityCode}:${c.operator.name || 'operator'}`,
          name: c.operator.name,
          legal_status: c.operator.type,
          tax_id: null,
          uri: c.operator.corporateNumber
            ? `https://info.gbiz.go.jp/hojin/ichiran?hojinBango=${c.operator.corporateNumber}`
            : null,
        },
        phones: c.contact.phone
          ? [{ number: c.contact.phone, type: 'voice', description: c.contact.hours || null }]
          : [],
        schedules: hours.map((h) => ({
          freq: h.freq,
          interval: h.interval,
          byday: h.days.map((d) => `${d.ordinal ?? ''}${d.day}`).join(','),
          opens_at: h.start,
          closes_at: h.end,
          description: describeOpeningHours(h),
          notes: h.days.map((d) => DAY_NAMES_EN[WEEKDAYS.indexOf(d.day)]).join(', '),
        })),
        attributes: [
          { taxonomy: 'tsunagari:kind', value: c.kind, label: KIND_LABEL_JA[c.kind] },
          ...c.lifeStages.map((s) => ({ taxonomy: 'tsunagari:life_stage', value: s })),
          { taxonomy: 'tsunagari:audience', value: c.audience },
          { taxonomy: 'tsunagari:delivery', value: c.delivery },
          ...c.firstVisit.map((f) => ({ taxonomy: 'tsunagari:first_visit', value: f })),
          ...(c.peerStaff ? [{ taxonomy: 'tsunagari:peer_staff', value: 'true' }] : []),
        ],
        service_at_locations: [
          {
            location: {
              id: `${l.id}:location`,
              location_type: c.delivery === 'online' ? 'virtual' : 'physical',
              name: c.name,
              latitude: c.location?.lat ?? null,
              longitude: c.location?.lng ?? null,
              accessibility: c.accessibility ? [{ description: c.accessibility }] : [],
              addresses:
                c.delivery === 'online'
                  ? []
                  : [
                      {
                        address_type: 'physical',
                        address_1: c.address,
                        address_2: c.addressDetail || null,
                        city: l.municipalityName,
                        region: null,
                        state_province: l.prefectureName,
                        postal_code: c.postalCode,
                        country: 'JP',
                      },
                    ],
            },
          },
        ],
        ...(c.opportunity
          ? {
              opportunity: {
                hours_per_week_min: c.opportunity.hoursPerWeekMin,
                hours_per_week_max: c.opportunity.hoursPerWeekMax,
                remote_ok: c.opportunity.remoteOk,
                support_staff: c.opportunity.supportStaff,
                pay: c.opportunity.pay,
                pay_note: c.opportunity.payNote,
                business_name: c.opportunity.businessName,
              },
            }
          : {}),
      };
    }),
  };
}
