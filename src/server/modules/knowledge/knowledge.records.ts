import { asc, eq, inArray } from 'drizzle-orm';
import type {
  CaseAttachmentView,
  CaseContentView,
  PublicCaseSummary,
  StaffCase,
} from '../../../shared/contracts/cases.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { foldForSearch, normalizeReading } from '../../platform/text/search.ts';
import { authorize, type PolicyActor } from './knowledge.policy.ts';
import { caseAttachments, cases, caseVersions } from './knowledge.tables.ts';
import type { ThemeRow } from './knowledge.themes.ts';

export type CaseRow = typeof cases.$inferSelect;

export const policyActor = (actor: Actor): PolicyActor => ({
  accountId: actor.accountId,
  roles: actor.roles,
  tenant: actor.tenant,
});

/** A case by id, as the transaction's row-level security lets it be seen; 404 otherwise. */
export async function loadCase(tx: Tx, id: string, options: { forUpdate?: boolean } = {}): Promise<CaseRow> {
  const query = tx.select().from(cases).where(eq(cases.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound();
  return row;
}

/** The folded text and reading a search compares with (the directory's folding, platform/text/search). */
export function searchKeys(
  content: CaseContentView,
  themes: readonly ThemeRow[],
  place: { municipalityName: string; prefectureName: string; authorName: string },
): { searchText: string; searchReading: string } {
  const text = [
    content.title,
    content.summary,
    content.trigger,
    content.firstSteps,
    content.whatWasDone,
    content.outcomes,
    content.wentWell,
    content.difficulties,
    content.partners.map((p) => p.name).join(' '),
    themes.map((t) => t.labelJa).join(' '),
    place.municipalityName,
    place.prefectureName,
    place.authorName,
  ].join('\n');
  const reading = [content.titleKana, ...themes.map((t) => t.reading)].filter(Boolean).join(' ');
  return { searchText: foldForSearch(text), searchReading: normalizeReading(reading) };
}

export async function attachmentsOf(
  tx: Tx,
  caseIds: readonly string[],
): Promise<Map<string, CaseAttachmentView[]>> {
  const out = new Map<string, CaseAttachmentView[]>();
  if (caseIds.length === 0) return out;
  const found = await tx
    .select({
      id: caseAttachments.id,
      caseId: caseAttachments.caseId,
      name: caseAttachments.name,
      mediaType: caseAttachments.mediaType,
      size: caseAttachments.size,
    })
    .from(caseAttachments)
    .where(inArray(caseAttachments.caseId, [...caseIds]))
    .orderBy(asc(caseAttachments.createdAt));
  for (const { caseId, ...a } of found) out.set(caseId, [...(out.get(caseId) ?? []), a]);
  return out;
}

export function presentSummary(row: CaseRow): PublicCaseSummary {
  return {
    id: row.id,
    title: row.content.title,
    municipalityCode: row.municipalityCode,
    municipalityName: row.municipalityName,
    prefectureCode: row.prefectureCode,
    prefectureName: row.prefectureName,
    authorKind: row.authorKind,
    authorName: row.authorName,
    themes: row.themes,
    lifeStages: row.lifeStages as PublicCaseSummary['lifeStages'],
    municipalityType: row.municipalityType,
    populationBand: row.populationBand,
    areaClass: row.areaClass,
    summary: row.content.summary,
    publishedAt: row.publishedAt?.toISOString() ?? '',
  };
}

/** The staff view: content, attachments, every version's action and comment, and what the caller may do. */
export async function presentStaff(tx: Tx, row: CaseRow, actor: Actor): Promise<StaffCase> {
  const who = policyActor(actor);
  const history = await tx
    .select({
      version: caseVersions.version,
      action: caseVersions.action,
      at: caseVersions.at,
      actorName: caseVersions.actorName,
      comment: caseVersions.comment,
    })
    .from(caseVersions)
    .where(eq(caseVersions.caseId, row.id))
    .orderBy(asc(caseVersions.id));
  // Review comments are between the author and the reviewers; other towns see the published text only.
  const involved =
    actor.tenant === null || actor.tenant === row.authorCode || actor.tenant === row.reviewerCode;
  const allowed = (action: Parameters<typeof authorize>[1]) => authorize(who, action, row).allowed;
  const { similarity: _s, publishedAt: _p, ...summary } = presentSummary(row);
  return {
    ...summary,
    state: row.state,
    version: row.version,
    authorCode: row.authorCode,
    content: row.content,
    linkedIndicators: row.linkedIndicators,
    attachments: (await attachmentsOf(tx, [row.id])).get(row.id) ?? [],
    history: involved ? history.map((h) => ({ ...h, at: h.at.toISOString() })) : [],
    publishedAt: row.publishedAt?.toISOString() ?? null,
    can: {
      edit: allowed('edit'),
      submit: allowed('submit'),
      review: allowed('review'),
      publish: allowed('publish'),
      ask: allowed('ask'),
    },
  };
}

export async function recordVersion(
  tx: Tx,
  row: CaseRow,
  action: (typeof caseVersions.$inferInsert)['action'],
  actor: Actor,
  at: Date,
  comment: string | null = null,
): Promise<void> {
  await tx.insert(caseVersions).values({
    authorCode: row.authorCode,
    caseId: row.id,
    version: row.version,
    action,
    actorAccountId: actor.accountId,
    actorName: actor.displayName,
    at,
    content: row.content,
    comment,
  });
}
