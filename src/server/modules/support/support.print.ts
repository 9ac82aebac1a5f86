import { type CaseFilePrint, NOTES_PRINT_MAX, type NotesPrint } from '../../../shared/contracts/support.ts';
import { formatWareki } from '../../../shared/text/wareki.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { displayNames } from '../accounts/index.ts';
import { getMunicipality, getTenantProfile } from '../municipalities/index.ts';
import { idsOf, open, type PersonRow, type SupportContext, today } from './support.access.ts';
import { consentRecords, effectiveConsents } from './support.consents.ts';
import { SUPPORT_FIELD, supportFieldError } from './support.errors.ts';
import { presentNoteRow, timelineStatement } from './support.notes.ts';
import { getPlan, listIntakes, listPlans } from './support.plans.ts';
import { mayPrintPeriod } from './support.policy.ts';
import { SUPPORT_CONTEXTS } from './support.tables.ts';

/** Print views (帳票): the plan the person takes home, the case file summary and the notes of a period. */

const OWNER_JA: Record<string, string> = {
  person: 'ご本人',
  family: 'ご家族',
  consultation_staff: '相談員',
  labour_staff: '就労支援の担当',
  agency: '関係機関',
  peer_supporter: 'ピアサポーター',
  other: 'その他',
};
const dateJa = (iso: string) => formatWareki(new Date(`${iso}T12:00:00+09:00`));

/** A plain-language plan for the person: their words first, short sentences, 和暦 dates. */
export async function printablePlan(
  tx: Tx,
  ctx: SupportContext,
  person: PersonRow,
  planId: string,
  version?: number,
) {
  const plan = await getPlan(tx, ctx, person, planId, version);
  const municipality = await getMunicipality(tx, person.municipalityCode);
  const profile = await getTenantProfile(tx, person.municipalityCode).catch(() => null);
  const c = plan.content;
  const sections: { heading: string; lines: string[] }[] = [];
  if (c.personWords) sections.push({ heading: 'あなたが望むこと', lines: [c.personWords] });
  if (c.familyWords) sections.push({ heading: 'ご家族の思い', lines: [c.familyWords] });
  sections.push({
    heading: 'めざすこと（目標）',
    lines: c.goals.map(
      (g, i) =>
        `${i + 1}. ${g.ownWords}${g.gasLevels.expected ? `（こうなったら「できた」: ${g.gasLevels.expected}）` : ''}`,
    ),
  });
  if (c.actions.length)
    sections.push({
      heading: 'だれが、なにをするか',
      lines: c.actions.map(
        (a) => `・${a.what}（${a.ownerName || OWNER_JA[a.owner]}${a.due ? `、${dateJa(a.due)}までに` : ''}）`,
      ),
    });
  // A joint plan (issue 7, request 2): when welfare and labour both act, each department's part is
  // shown on its own, so the person sees who does what and the two departments see their share.
  const departments = (['consultation_staff', 'labour_staff', 'agency'] as const).filter((o) =>
    c.actions.some((a) => a.owner === o),
  );
  if (departments.includes('consultation_staff') && departments.includes('labour_staff'))
    sections.push({
      heading: '福祉と就労の役割分担',
      lines: departments.map(
        (o) =>
          `【${OWNER_JA[o]}】${c.actions
            .filter((a) => a.owner === o)
            .map((a) => `${a.what}${a.due ? `（${dateJa(a.due)}まで）` : ''}`)
            .join('、')}`,
      ),
    });
  if (c.places.length)
    sections.push({
      heading: '行ってみてもよい場所',
      lines: c.places.map((p) => `・${p.name}${p.note ? `: ${p.note}` : ''}`),
    });
  const contact = profile?.welfareContact;
  return {
    title: `${municipality.name}　わたしの支援計画`,
    municipalityName: municipality.name,
    nickname: open(ctx, person.nicknameEncrypted, SUPPORT_CONTEXTS.nickname),
    madeOn: formatWareki(new Date(plan.createdAt)),
    sections,
    reviewOn: dateJa(plan.reviewOn),
    footer: [
      `次に一緒に見直す日: ${dateJa(plan.reviewOn)}`,
      'この計画は、いつでも変えられます。変えたいときは、相談員に伝えてください。',
      ...(contact
        ? [`連絡先: ${contact.department} ${contact.phone}${contact.hours ? `（${contact.hours}）` : ''}`]
        : []),
    ],
  };
}

// ── print views (帳票) ──────────────────────────────────────────────────────────────────────────

/** The head of a print view: municipality, when and by whom, and the person as staff address them. */
async function printHead(tx: Tx, ctx: SupportContext, actor: Actor, person: PersonRow) {
  const municipality = await getMunicipality(tx, person.municipalityCode);
  const names = await displayNames(tx, [
    actor.accountId,
    ...(person.leadWorkerId ? [person.leadWorkerId] : []),
  ]);
  return {
    municipalityName: municipality.name,
    preparedAt: ctx.clock.now().toISOString(),
    preparedBy: names.get(actor.accountId) ?? '',
    nickname: open(ctx, person.nicknameEncrypted, SUPPORT_CONTEXTS.nickname),
    ageGroup: person.ageGroup,
    status: person.status,
    leadWorkerName: person.leadWorkerId ? (names.get(person.leadWorkerId) ?? null) : null,
  };
}

/**
 * 記録の概要 to print: what the record's own pages show the same reader (consents in force, the
 * current plan's goals in the person's words, the newest intake in summary). Identity fields (name,
 * birth date, contact) are left off the paper.
 */
export async function caseFilePrint(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  person: PersonRow,
): Promise<CaseFilePrint> {
  const plans = await listPlans(tx, ctx, person);
  const plan = plans.find((p) => p.status === 'active') ?? null;
  const [intake] = await listIntakes(tx, ctx, person);
  const c = intake?.content;
  return {
    ...(await printHead(tx, ctx, actor, person)),
    urgency: person.urgency,
    nextReviewOn: person.nextReviewOn,
    nextContactOn: person.nextContactOn,
    lastContactAt: person.lastContactAt?.toISOString() ?? null,
    consents: effectiveConsents(await consentRecords(tx, ctx, person), today(ctx)),
    plan: plan && {
      createdAt: plan.createdAt,
      reviewOn: plan.reviewOn,
      personWords: plan.content.personWords,
      goals: plan.content.goals.map((g) => g.ownWords),
    },
    intake:
      intake && c
        ? {
            createdAt: intake.createdAt,
            referralWho: c.referral.who,
            referralHow: c.referral.how,
            referralOn: c.referral.on,
            mainConcern: c.mainConcern.words,
            mainConcernWhose: c.mainConcern.whose,
            personWishes: c.personWishes,
            familyWishes: c.familyWishes,
            supportIssues: c.supportIssues,
            urgency: c.urgency.level,
            urgencyReason: c.urgency.reason,
          }
        : null,
  };
}

/** The start of a calendar day in Japan as an ISO instant. */
const tokyoDayStart = (day: string) => new Date(`${day}T00:00:00+09:00`).toISOString();

/**
 * 経過記録 to print: the notes of a period (days in Japan, both included) that this reader may read —
 * the timeline's own statement and rule for 配慮が必要な記録 — oldest first, at most NOTES_PRINT_MAX.
 */
export async function notesPrint(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  person: PersonRow,
  period: { from: string; to: string },
): Promise<NotesPrint> {
  if (!mayPrintPeriod(period).allowed)
    throw supportFieldError('/querystring/to', SUPPORT_FIELD.endBeforeStart);
  const until = new Date(new Date(`${period.to}T00:00:00+09:00`).getTime() + 24 * 3_600_000).toISOString();
  const found = await rows<Record<string, unknown>>(
    tx,
    timelineStatement(person.municipalityCode, idsOf(person), actor.roles, NOTES_PRINT_MAX + 1, undefined, {
      from: tokyoDayStart(period.from),
      until,
    }),
  );
  // The statement walks newest first: a period holding more keeps its newest notes (the page says so).
  const notes = found
    .map((r) => presentNoteRow(ctx, person, r))
    .reverse()
    .slice(found.length > NOTES_PRINT_MAX ? 1 : 0);
  const authors = await displayNames(
    tx,
    notes.map((n) => n.authorAccountId),
  );
  return {
    ...(await printHead(tx, ctx, actor, person)),
    from: period.from,
    to: period.to,
    items: notes.map((n) => ({
      id: n.id,
      version: n.version,
      contactType: n.contactType,
      occurredAt: n.occurredAt,
      durationMinutes: n.durationMinutes,
      participants: n.participants,
      text: n.text,
      sensitive: n.sensitive,
      readableBy: n.readableBy,
      authorName: authors.get(n.authorAccountId) ?? '',
    })),
    truncated: found.length > NOTES_PRINT_MAX,
  };
}
