import { and, count, eq } from 'drizzle-orm';
import type { PersonalDataWarning, StaffCase } from '../../../shared/contracts/cases.ts';
import { prefectureOf, prefectureTenantCode } from '../../../shared/municipality-code.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, conflict } from '../../platform/errors.ts';
import { suggestReading } from '../../platform/text/reading.ts';
import { publicEventRow } from '../events/index.ts';
import { getMunicipality } from '../municipalities/index.ts';
import { getPublicPlace } from '../places/index.ts';
import { KNOWLEDGE_FIELD, refusal } from './knowledge.errors.ts';
import { municipalityType } from './knowledge.municipality-types.ts';
import { authorize } from './knowledge.policy.ts';
import { checkCaseText } from './knowledge.privacy.ts';
import { loadCase, policyActor, presentStaff, recordVersion, searchKeys } from './knowledge.records.ts';
import type { CaseContentBody, CreateCaseBody, UpdateCaseBody } from './knowledge.schema.ts';
import { caseAttachments, cases } from './knowledge.tables.ts';
import { requireThemes } from './knowledge.themes.ts';

/**
 * Writing a case (issue 17 §1–2): the author's tenant drafts, edits while a draft or returned, attaches
 * files and submits to its prefecture, with the personal-data check on submit. Every change keeps the
 * version it made (case_versions).
 */
export const MAX_ATTACHMENTS = 10;

/** The municipality a new case is about, as the author may name it; 400 otherwise. */
async function servedMunicipality(tx: Tx, actor: Actor, requested: string | undefined) {
  const tenant = actor.tenant;
  if (!tenant) throw new AppError(403, 'forbidden');
  const outside = () =>
    new AppError(400, 'cases.municipality_outside', {
      errors: [
        {
          pointer: '/municipalityCode',
          message: KNOWLEDGE_FIELD.municipalityOutside,
        },
      ],
    });
  if (actor.scope === 'prefecture') {
    // A prefecture writes for a municipality of its own prefecture.
    if (!requested || prefectureOf(requested) !== prefectureOf(tenant) || requested === tenant)
      throw outside();
    return getMunicipality(tx, requested).catch(() => {
      throw outside();
    });
  }
  if (requested && requested !== tenant) throw outside();
  return getMunicipality(tx, tenant);
}

/**
 * Links to the town's live places and events must name published entries of the case's own
 * municipality (read through the places and events modules' public read functions); 400 otherwise.
 */
async function checkLinks(tx: Tx, municipalityCode: string, content: CaseContentBody): Promise<void> {
  const wrong = (pointer: string) =>
    new AppError(400, 'validation_failed', {
      errors: [
        {
          pointer,
          message: KNOWLEDGE_FIELD.linkNotPublished,
        },
      ],
    });
  for (const [i, id] of content.linkedPlaceIds.entries()) {
    const place = await getPublicPlace(tx, id).catch(() => null);
    if (place?.municipalityCode !== municipalityCode) throw wrong(`/content/linkedPlaceIds/${i}`);
  }
  for (const [i, id] of content.linkedEventIds.entries()) {
    const event = await publicEventRow(tx, id).catch(() => null);
    if (event?.municipalityCode !== municipalityCode) throw wrong(`/content/linkedEventIds/${i}`);
  }
}

/** A reading for the title when the author left it empty (kuromoji, loaded once per process). */
async function withReading(content: CaseContentBody): Promise<CaseContentBody> {
  if (content.titleKana) return content;
  return { ...content, titleKana: await suggestReading(content.title).catch(() => '') };
}

export async function createCase(tx: Tx, actor: Actor, input: CreateCaseBody, now: Date): Promise<StaffCase> {
  if (!actor.tenant) throw new AppError(403, 'forbidden');
  const themes = await requireThemes(tx, input.themes);
  const town = await servedMunicipality(tx, actor, input.municipalityCode);
  const authorKind =
    actor.scope === 'prefecture'
      ? 'prefecture'
      : input.authorKind && input.authorKind !== 'prefecture'
        ? input.authorKind
        : actor.roles.includes('municipal_admin')
          ? 'municipality'
          : 'family_association';
  const authorName = input.authorName || town.name;
  await checkLinks(tx, town.code, input.content);
  const content = await withReading(input.content);
  const [row] = await tx
    .insert(cases)
    .values({
      authorCode: actor.tenant,
      reviewerCode: prefectureTenantCode(town.prefectureCode),
      authorKind,
      authorName,
      municipalityCode: town.code,
      prefectureCode: town.prefectureCode,
      municipalityName: town.name,
      prefectureName: town.prefectureName,
      municipalityType: municipalityType(town.code, town.name),
      populationBand: input.populationBand,
      areaClass: input.areaClass,
      themes: input.themes,
      lifeStages: input.lifeStages,
      linkedIndicators: input.linkedIndicators,
      content,
      ...searchKeys(content, themes, { ...town, municipalityName: town.name, authorName }),
      createdAt: now,
      createdBy: actor.accountId,
      updatedAt: now,
      updatedBy: actor.accountId,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  await recordVersion(tx, row, 'created', actor, now);
  return presentStaff(tx, row, actor);
}

export async function updateCase(
  tx: Tx,
  actor: Actor,
  id: string,
  input: UpdateCaseBody,
  now: Date,
): Promise<StaffCase> {
  const current = await loadCase(tx, id, { forUpdate: true });
  const decision = authorize(policyActor(actor), 'edit', current);
  if (!decision.allowed) throw refusal(decision);
  if (input.version !== current.version) throw conflict({ currentVersion: current.version });
  const themes = await requireThemes(tx, input.themes);
  await checkLinks(tx, current.municipalityCode, input.content);
  const content = await withReading(input.content);
  const authorName = input.authorName || current.authorName;
  const [row] = await tx
    .update(cases)
    .set({
      themes: input.themes,
      lifeStages: input.lifeStages,
      linkedIndicators: input.linkedIndicators,
      populationBand: input.populationBand,
      areaClass: input.areaClass,
      authorName,
      content,
      ...searchKeys(content, themes, { ...current, authorName }),
      version: current.version + 1,
      updatedAt: now,
      updatedBy: actor.accountId,
    })
    .where(and(eq(cases.id, id), eq(cases.authorCode, current.authorCode)))
    .returning();
  if (!row) throw conflict();
  await recordVersion(tx, row, 'updated', actor, now);
  return presentStaff(tx, row, actor);
}

/** Text fields the check reads. The contact window is the town's own office, so it is not checked. */
export function checkedFields(row: { content: CaseContentBody }): Record<string, string> {
  const c = row.content;
  return {
    '/content/title': c.title,
    '/content/summary': c.summary,
    '/content/trigger': c.trigger,
    '/content/firstSteps': c.firstSteps,
    '/content/whatWasDone': c.whatWasDone,
    '/content/staffing': c.staffing,
    '/content/outcomes': c.outcomes,
    '/content/wentWell': c.wentWell,
    '/content/difficulties': c.difficulties,
    '/content/budget/note': c.budget.note,
    ...Object.fromEntries(c.partners.map((p, i) => [`/content/partners/${i}/name`, p.name])),
  };
}

export async function submitCase(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { version: number; confirmNoPersonalData: boolean },
  now: Date,
): Promise<StaffCase & { warnings: PersonalDataWarning[] }> {
  const current = await loadCase(tx, id, { forUpdate: true });
  const decision = authorize(policyActor(actor), 'submit', current);
  if (!decision.allowed) throw refusal(decision);
  if (input.version !== current.version) throw conflict({ currentVersion: current.version });
  const warnings = checkCaseText(checkedFields(current));
  if (warnings.length > 0 && !input.confirmNoPersonalData)
    throw new AppError(422, 'cases.personal_data_warning', {
      errors: warnings.map((w) => ({
        pointer: w.pointer,
        message: { ja: `個人情報の可能性：${w.excerpt}`, en: `Possible personal data: ${w.excerpt}` },
      })),
      extra: { warnings },
    });
  const [row] = await tx
    .update(cases)
    .set({ state: 'submitted', submittedAt: now, updatedAt: now, updatedBy: actor.accountId })
    .where(eq(cases.id, id))
    .returning();
  if (!row) throw conflict();
  await recordVersion(
    tx,
    row,
    'submitted',
    actor,
    now,
    warnings.length > 0 ? 'personal-data warnings confirmed' : null,
  );
  return { ...(await presentStaff(tx, row, actor)), warnings };
}

export async function addAttachment(
  tx: Tx,
  actor: Actor,
  id: string,
  file: { name: string; mediaType: 'image/jpeg' | 'image/png' | 'application/pdf'; bytes: Uint8Array },
  now: Date,
): Promise<{ id: string; name: string; mediaType: string; size: number }> {
  const current = await loadCase(tx, id, { forUpdate: true });
  const decision = authorize(policyActor(actor), 'edit', current);
  if (!decision.allowed) throw refusal(decision);
  const [{ n } = { n: 0 }] = await tx
    .select({ n: count() })
    .from(caseAttachments)
    .where(eq(caseAttachments.caseId, id));
  if (n >= MAX_ATTACHMENTS) throw new AppError(409, 'cases.attachments_full');
  const [row] = await tx
    .insert(caseAttachments)
    .values({
      authorCode: current.authorCode,
      caseId: id,
      name: file.name,
      mediaType: file.mediaType,
      size: file.bytes.byteLength,
      data: file.bytes,
      createdAt: now,
      createdBy: actor.accountId,
    })
    .returning({
      id: caseAttachments.id,
      name: caseAttachments.name,
      mediaType: caseAttachments.mediaType,
      size: caseAttachments.size,
    });
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** An attachment's bytes, when its case may be read by the caller (staff) — null means 404. */
export async function readAttachment(
  tx: Tx,
  caseId: string,
  attachmentId: string,
): Promise<{ name: string; mediaType: string; data: Uint8Array } | null> {
  const [found] = await tx
    .select({ name: caseAttachments.name, mediaType: caseAttachments.mediaType, data: caseAttachments.data })
    .from(caseAttachments)
    .where(and(eq(caseAttachments.id, attachmentId), eq(caseAttachments.caseId, caseId)));
  return found ?? null;
}
