import { randomUUID } from 'node:crypto';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { NoteView } from '../../../shared/contracts/support.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor, type ListResult } from '../../platform/http/list.ts';
import { idsOf, ofPerson, open, type PersonRow, type SupportContext, seal } from './support.access.ts';
import { mayReadNote, readersOf, writingRole } from './support.policy.ts';
import type { NoteInput } from './support.schema.ts';
import { SUPPORT_CONTEXTS, supportNoteVersions, supportPersons } from './support.tables.ts';

// ── notes ───────────────────────────────────────────────────────────────────────────────────────

type NoteRow = typeof supportNoteVersions.$inferSelect;

function presentNote(ctx: SupportContext, n: NoteRow, plainText?: string): NoteView {
  return {
    id: n.noteId,
    personId: n.personId,
    version: n.version,
    contactType: n.contactType,
    occurredAt: n.occurredAt.toISOString(),
    durationMinutes: n.durationMinutes,
    participants: n.participants,
    text: plainText ?? open(ctx, n.textEncrypted, SUPPORT_CONTEXTS.note),
    sensitive: n.sensitive,
    readableBy: n.readableBy,
    authorAccountId: n.authorAccountId,
    createdAt: n.createdAt.toISOString(),
  };
}

const canReadNote = (actor: Actor, n: { sensitive: boolean; readableBy: string[] }) =>
  mayReadNote(actor.roles, n).allowed;

function noteValues(
  actor: Actor,
  person: PersonRow,
  ctx: SupportContext,
  noteId: string,
  version: number,
  input: NoteInput,
) {
  const readableBy = readersOf(actor.roles, input.sensitive, input.readableBy);
  return {
    municipalityCode: person.municipalityCode,
    noteId,
    personId: person.id,
    version,
    contactType: input.contactType,
    occurredAt: new Date(input.occurredAt),
    durationMinutes: input.durationMinutes,
    participants: input.participants,
    textEncrypted: seal(ctx, input.text, SUPPORT_CONTEXTS.note),
    sensitive: input.sensitive,
    readableBy,
    authorAccountId: actor.accountId,
    authorRole: writingRole(actor.roles),
    createdAt: ctx.clock.now(),
  };
}

/** The next planned contact travels with a note: set or cleared only when the note names it. */
async function planNextContact(tx: Tx, person: PersonRow, input: NoteInput) {
  if (input.nextContactOn === undefined) return;
  await tx
    .update(supportPersons)
    .set({ nextContactOn: input.nextContactOn })
    .where(
      and(eq(supportPersons.municipalityCode, person.municipalityCode), eq(supportPersons.id, person.id)),
    );
}

async function touchContact(tx: Tx, person: PersonRow, at: Date) {
  await tx
    .update(supportPersons)
    .set({ lastContactAt: sql`greatest(${supportPersons.lastContactAt}, ${at})` })
    .where(
      and(eq(supportPersons.municipalityCode, person.municipalityCode), eq(supportPersons.id, person.id)),
    );
}

export async function createNote(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  person: PersonRow,
  input: NoteInput,
) {
  const noteId = randomUUID();
  const values = noteValues(actor, person, ctx, noteId, 1, input);
  const [row] = await tx.insert(supportNoteVersions).values(values).returning();
  if (values.occurredAt <= ctx.clock.now()) await touchContact(tx, person, values.occurredAt);
  await planNextContact(tx, person, input);
  // The text was just written: no need to decrypt it again.
  return presentNote(ctx, row!, input.text);
}

async function noteVersions(tx: Tx, person: PersonRow, noteId: string) {
  return tx
    .select()
    .from(supportNoteVersions)
    .where(and(ofPerson(supportNoteVersions, person), eq(supportNoteVersions.noteId, noteId)))
    .orderBy(asc(supportNoteVersions.version));
}

/** A note with every version (oldest first). 404 when the actor may not read its current version. */
export async function getNote(tx: Tx, ctx: SupportContext, actor: Actor, person: PersonRow, noteId: string) {
  const versions = await noteVersions(tx, person, noteId);
  const current = versions.at(-1);
  if (!current || !canReadNote(actor, current)) throw notFound();
  return {
    ...presentNote(ctx, current),
    versions: versions.filter((v) => canReadNote(actor, v)).map((v) => presentNote(ctx, v)),
  };
}

/** A correction is a new version. A stale `version` answers 409 with {current, yours}. */
export async function correctNote(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  person: PersonRow,
  noteId: string,
  expected: number,
  input: NoteInput,
) {
  const versions = await noteVersions(tx, person, noteId);
  const latest = versions.at(-1);
  if (!latest || !canReadNote(actor, latest)) throw notFound();
  const yours = { version: expected, note: input };
  if (latest.version !== expected) throw conflict({ current: presentNote(ctx, latest), yours });
  const inserted = await tx
    .insert(supportNoteVersions)
    .values(noteValues(actor, { ...person, id: latest.personId }, ctx, noteId, expected + 1, input))
    .onConflictDoNothing()
    .returning();
  if (inserted.length === 0) {
    const now = (await noteVersions(tx, person, noteId)).at(-1)!;
    throw conflict({ current: presentNote(ctx, now), yours });
  }
  if (inserted[0]!.occurredAt <= ctx.clock.now()) await touchContact(tx, person, inserted[0]!.occurredAt);
  await planNextContact(tx, person, input);
  return presentNote(ctx, inserted[0]!);
}

const TimelineCursor = z.object({ t: z.string(), i: z.string() });

/** The timeline's SQL (exported so that the benchmark sends the very same statement through `pg`). */
export function timelineStatement(
  tenant: string,
  ids: readonly string[],
  roles: readonly string[],
  limit: number,
  after?: { t: string; i: string },
  /** Only notes that occurred from `from` (included) to `until` (excluded), ISO instants. */
  range?: { from: string; until: string },
): SQL {
  const personFilter =
    ids.length === 1
      ? sql`n.person_id = ${ids[0]}`
      : sql`n.person_id in (${sql.join(
          ids.map((i) => sql`${i}::uuid`),
          sql`, `,
        )})`;
  return sql`select n.id, n.note_id, n.person_id, n.version, n.contact_type, n.occurred_at, n.duration_minutes,
               n.participants, n.text_encrypted, n.sensitive, n.readable_by, n.author_account_id, n.created_at
        from support_note_versions n
        where n.municipality_code = ${tenant} and ${personFilter}
          and not exists (select 1 from support_note_versions s
                          where s.municipality_code = n.municipality_code and s.note_id = n.note_id
                            and s.version > n.version)
          and (not n.sensitive or n.readable_by && ${sql.raw(`array[${roles.map((r) => `'${r.replace(/[^a-z_]/g, '')}'`).join(',')}]::text[]`)})
          ${after ? sql`and (n.occurred_at, n.note_id) < (${after.t}::timestamptz, ${after.i}::uuid)` : sql``}
          ${range ? sql`and n.occurred_at >= ${range.from}::timestamptz and n.occurred_at < ${range.until}::timestamptz` : sql``}
        order by n.occurred_at desc, n.note_id desc
        limit ${limit}`;
}

/**
 * The person's timeline: the current version of each note the actor may read, newest first. Walks
 * the (tenant, person, occurred_at desc) index and skips superseded versions with an anti-join, so a
 * page costs the same however long the history is.
 */
export async function timeline(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  person: PersonRow,
  query: { limit: number; cursor?: string },
): Promise<ListResult<NoteView>> {
  const after = decodeCursor(query.cursor, TimelineCursor);
  const found = await rows<Record<string, unknown>>(
    tx,
    timelineStatement(person.municipalityCode, idsOf(person), actor.roles, query.limit + 1, after),
  );
  const page = found.slice(0, query.limit).map((r) => presentNoteRow(ctx, person, r));
  const last = page.at(-1);
  return {
    items: page,
    total: page.length,
    nextCursor: found.length > query.limit && last ? encodeCursor({ t: last.occurredAt, i: last.id }) : null,
  };
}

/** A row of `timelineStatement` as a note. */
export function presentNoteRow(ctx: SupportContext, person: PersonRow, r: Record<string, unknown>): NoteView {
  return presentNote(ctx, {
    id: Number(r.id),
    municipalityCode: person.municipalityCode,
    noteId: r.note_id as string,
    personId: r.person_id as string,
    version: Number(r.version),
    contactType: r.contact_type as NoteRow['contactType'],
    occurredAt: new Date(r.occurred_at as string),
    durationMinutes: r.duration_minutes === null ? null : Number(r.duration_minutes),
    participants: r.participants as string[],
    textEncrypted: r.text_encrypted as string,
    sensitive: Boolean(r.sensitive),
    readableBy: r.readable_by as string[],
    authorAccountId: r.author_account_id as string,
    authorRole: '',
    createdAt: new Date(r.created_at as string),
  });
}
