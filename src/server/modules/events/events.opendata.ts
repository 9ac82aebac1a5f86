import { toCsv, withBom } from '../../platform/text/csv.ts';
import type { eventOrganisers, eventSessions, events } from './events.tables.ts';

/**
 * 推奨データセット「イベント一覧」 CSV (BRIEF: the four code/name columns, then the event columns), one
 * row per session of every published event, UTF-8 with a BOM, CRLF; file `<6-digit code>_event.csv`.
 */
export const EVENT_COLUMNS = [
  '都道府県コード又は市区町村コード',
  'NO',
  '都道府県名',
  '市区町村名',
  'イベント名',
  'イベント名_カナ',
  'イベント名_英語',
  '開始日',
  '終了日',
  '開始時間',
  '終了時間',
  '開始日時特記事項',
  '説明',
  '料金(基本)',
  '料金(詳細)',
  '連絡先名称',
  '連絡先電話番号',
  '連絡先内線番号',
  '主催者',
  '場所名称',
  '住所',
  '方書',
  '緯度',
  '経度',
  'アクセス方法',
  '駐車場情報',
  '定員',
  '参加申込終了日',
  '参加申込終了時間',
  '参加申込方法',
  'URL',
  '備考',
] as const;

type Item = {
  event: typeof events.$inferSelect;
  sessions: Array<typeof eventSessions.$inferSelect>;
  organiser: typeof eventOrganisers.$inferSelect | undefined;
};

export const KIND_LABEL_JA = {
  family_study_series: '家族学習会',
  family_salon: '家族サロン',
  open_day: '居場所の公開日',
  lecture: '講演会',
  peer_meeting: 'ピアの集い',
  other: 'その他',
} as const;
const AUDIENCE_JA = {
  family: '家族',
  person: '本人',
  both: '本人・家族',
  supporters: '支援者',
  anyone: 'どなたでも',
} as const;

const toKatakana = (s: string) =>
  s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));

/** Tokyo date and time parts of an instant. */
function tokyo(date: Date): { date: string; time: string } {
  const iso = new Date(date.getTime() + 9 * 3_600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

export function eventCsv(
  items: Item[],
  area: { municipalityCode: string; prefectureName: string; municipalityName: string },
  baseUrl: string,
): string {
  const lines: string[][] = [[...EVENT_COLUMNS]];
  let no = 0;
  for (const { event: e, sessions, organiser } of items) {
    for (const s of sessions) {
      const start = tokyo(s.startsAt);
      const end = tokyo(s.endsAt);
      const closes = tokyo(new Date(s.startsAt.getTime() - e.registrationClosesHoursBefore * 3_600_000));
      const cancelled = e.status === 'cancelled' || s.status === 'cancelled';
      no += 1;
      lines.push([
        area.municipalityCode,
        String(no),
        area.prefectureName,
        area.municipalityName,
        e.isSeries ? `${e.title} 第${s.seq}回${s.topic ? `「${s.topic}」` : ''}` : e.title,
        toKatakana(e.titleKana),
        e.titleEn,
        start.date,
        end.date,
        start.time,
        end.time,
        [
          cancelled ? '中止' : '',
          e.delivery === 'online' ? 'オンライン開催' : e.delivery === 'both' ? '会場・オンライン' : '',
        ]
          .filter(Boolean)
          .join('／'),
        e.description,
        e.feeYen === 0 ? '無料' : `${e.feeYen}円`,
        e.feeNote,
        e.contactName,
        e.contactPhone,
        '',
        organiser?.name ?? '',
        e.venueName,
        e.address,
        e.addressDetail,
        e.lat === null ? '' : String(e.lat),
        e.lng === null ? '' : String(e.lng),
        e.accessNote,
        e.parkingNote,
        e.capacity === null ? '' : String(e.capacity),
        e.registrationOpen ? closes.date : '',
        e.registrationOpen ? closes.time : '',
        e.registrationOpen ? 'ウェブの申し込みフォーム（アカウント不要・ニックネーム可）' : '申し込み不要',
        `${baseUrl}/events/${e.id}`,
        [
          `種別: ${KIND_LABEL_JA[e.kind]}`,
          `対象: ${AUDIENCE_JA[e.audience]}`,
          e.accessibility ? `配慮: ${e.accessibility}` : '',
        ]
          .filter(Boolean)
          .join('／'),
      ]);
    }
  }
  return withBom(toCsv(lines));
}
