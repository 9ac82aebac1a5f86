/**
 * What an entry's row holds and how staff see it: its search index, the reading filled in, the
 * columns copied out of the content, its revisions. Shared by the staff use cases and the import.
 */

import type { StaffPlace } from '../../../shared/contracts/places.ts';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { suggestReading } from '../../platform/text/reading.ts';
import { foldForSearch } from '../../platform/text/search.ts';
import { canReview } from './places.policy.ts';
import type { PlaceContent } from './places.schema.ts';
import { placeRevisions, type places } from './places.tables.ts';

/** Words a person may search for a kind: its label and its reading are part of every entry's index. */
const KIND_INDEX: Record<PlaceContent['kind'], { text: string; reading: string }> = {
  ibasho: { text: '居場所', reading: 'いばしょ' },
  consultation_window: { text: '相談窓口', reading: 'そうだんまどぐち' },
  family_association: { text: '家族会', reading: 'かぞくかい' },
  peer_space: { text: 'ピアの場 ピアサポート', reading: 'ぴあのば ぴあさぽーと' },
  opportunity: { text: '社会参加 仕事体験 短時間の仕事', reading: 'しゃかいさんか しごとたいけん' },
};

export function indexOf(content: PlaceContent): { searchText: string; searchReading: string } {
  const kind = KIND_INDEX[content.kind];
  const searchText = foldForSearch(
    [
      content.name,
      content.aliasName,
      kind.text,
      content.operator.name,
      content.address,
      content.addressDetail,
      content.description,
      content.opportunity?.businessName ?? '',
    ]
      .filter(Boolean)
      .join(' '),
  );
  const searchReading = [content.nameKana, kind.reading].filter(Boolean).join(' ');
  return { searchText, searchReading };
}

const SIX_MONTHS_AGO = (today: string): string => {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 - 6, d));
  // 31 August − 6 months → 3 March in Date arithmetic; clamp to the month's last day instead.
  if (date.getUTCDate() !== d) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
};

export function verificationCutoff(now: Date): string {
  return SIX_MONTHS_AGO(isoDateInTokyo(now));
}

/** The reading staff left empty is pre-filled from the name (kuromoji, loaded on first use). */
export async function withReading(content: PlaceContent): Promise<PlaceContent> {
  if (content.nameKana) return content;
  return { ...content, nameKana: await suggestReading(content.name) };
}

export type PlaceRow = typeof places.$inferSelect;

export function presentStaff(row: PlaceRow, actor: Actor | null, now: Date): StaffPlace {
  const cutoff = verificationCutoff(now);
  return {
    id: row.id,
    municipalityCode: row.municipalityCode,
    kind: row.kind,
    name: row.name,
    nameKana: row.nameKana,
    status: row.status,
    publication: row.publication,
    hasUnpublishedChanges: row.publishedVersion !== null && row.publishedVersion !== row.version,
    isPublic: row.publishedAt !== null,
    verifiedOn: row.verifiedOn,
    verificationDue: row.status !== 'closed' && (row.verifiedOn === null || row.verifiedOn < cutoff),
    externalId: row.externalId,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    content: row.content,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    submittedBy: row.submittedBy,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    reviewedBy: row.reviewedBy,
    reviewComment: row.reviewComment,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    publishedVersion: row.publishedVersion,
    canReview: canReview(row, actor?.accountId ?? null),
  };
}

export function columnsOf(content: PlaceContent) {
  return {
    kind: content.kind,
    name: content.name,
    nameKana: content.nameKana,
    status: content.status,
    externalId: content.externalId,
    verifiedOn: content.verifiedOn,
    content,
    ...indexOf(content),
  };
}

export async function addRevision(
  tx: Tx,
  row: PlaceRow,
  action: (typeof placeRevisions.$inferInsert)['action'],
  actorId: string | null,
  now: Date,
  comment: string | null = null,
) {
  await tx.insert(placeRevisions).values({
    municipalityCode: row.municipalityCode,
    placeId: row.id,
    version: row.version,
    action,
    actorAccountId: actorId,
    at: now,
    content: row.content,
    comment,
  });
}
