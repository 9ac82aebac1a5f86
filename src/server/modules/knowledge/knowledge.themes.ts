import { asc, eq, sql } from 'drizzle-orm';
import type { CaseTheme } from '../../../shared/contracts/cases.ts';
import type { Database, Tx } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { KNOWLEDGE_FIELD } from './knowledge.errors.ts';
import { caseThemes } from './knowledge.tables.ts';

/**
 * The managed list of themes (issue 17 §1). The built-in ones are the themes of the request letter
 * and of the 2025 national handbook; they are written at start-up (labels may be corrected by a
 * release) and national staff may add more (POST /api/cases/themes). Each carries its reading, so a
 * kana query (いばしょ) finds the cases of the theme (居場所) whatever their text says.
 */
export const BUILT_IN_THEMES: Array<Omit<typeof caseThemes.$inferInsert, 'sortOrder' | 'builtIn'>> = [
  {
    code: 'ibasho',
    labelJa: '居場所',
    labelEn: 'Places to be',
    labelEasy: 'いばしょ（いてもいい ばしょ）',
    reading: 'いばしょ',
  },
  {
    code: 'family_support',
    labelJa: '家族支援・家族学習会',
    labelEn: 'Family support and study sessions',
    labelEasy: 'かぞくの しえん・かぞくの べんきょうかい',
    reading: 'かぞくしえん かぞくがくしゅうかい',
  },
  {
    code: 'peer_support',
    labelJa: 'ピアサポート',
    labelEn: 'Peer support',
    labelEasy: 'ピアサポート（おなじ けいけんの ひとの しえん）',
    reading: 'ぴあさぽーと',
  },
  {
    code: 'outreach',
    labelJa: '訪問・アウトリーチ',
    labelEn: 'Home visits and outreach',
    labelEasy: 'いえに たずねる しえん',
    reading: 'ほうもん あうとりーち',
  },
  {
    code: 'platform',
    labelJa: '多機関連携・プラットフォーム',
    labelEn: 'Multi-agency platform',
    labelEasy: 'いろいろな ところが いっしょに しえん',
    reading: 'たきかんれんけい ぷらっとふぉーむ',
  },
  {
    code: 'transport',
    labelJa: '交通・移動',
    labelEn: 'Transport and getting there',
    labelEasy: 'のりもの・いどう',
    reading: 'こうつう いどう',
  },
  {
    code: 'flexible_work',
    labelJa: '短時間雇用・試し雇用・職場体験',
    labelEn: 'Short-hours and trial work, work experience',
    labelEasy: 'みじかい じかんの しごと・しごとの たいけん',
    reading: 'たんじかんこよう ためしこよう しょくばたいけん',
  },
  {
    code: 'relearning',
    labelJa: '学び直し',
    labelEn: 'Learning again',
    labelEasy: 'もういちど まなぶ',
    reading: 'まなびなおし',
  },
  {
    code: 'community',
    labelJa: '地域共生',
    labelEn: 'Inclusive community',
    labelEasy: 'ちいきで ともに いきる',
    reading: 'ちいききょうせい',
  },
  {
    code: 'extraction_countermeasures',
    labelJa: '引き出し業者対策',
    labelEn: 'Countering harmful "extraction" businesses',
    labelEasy: 'むりに つれだす ぎょうしゃへの たいさく',
    reading: 'ひきだしぎょうしゃたいさく',
  },
  {
    code: 'consultation',
    labelJa: '相談窓口',
    labelEn: 'Consultation window',
    labelEasy: 'そうだんの まどぐち',
    reading: 'そうだんまどぐち',
  },
];

export async function loadBuiltInThemes(db: Database): Promise<void> {
  await asSystem(db, async (tx) => {
    for (const [i, theme] of BUILT_IN_THEMES.entries()) {
      await tx
        .insert(caseThemes)
        .values({ ...theme, sortOrder: i, builtIn: true })
        .onConflictDoUpdate({
          target: caseThemes.code,
          set: {
            labelJa: theme.labelJa,
            labelEn: theme.labelEn,
            labelEasy: theme.labelEasy,
            reading: theme.reading,
            sortOrder: i,
            builtIn: true,
          },
        });
    }
  });
}

export type ThemeRow = typeof caseThemes.$inferSelect;

export async function activeThemes(tx: Tx): Promise<ThemeRow[]> {
  return tx.select().from(caseThemes).where(eq(caseThemes.active, true)).orderBy(asc(caseThemes.sortOrder));
}

export const presentTheme = (t: ThemeRow): CaseTheme => ({
  code: t.code,
  label: { ja: t.labelJa, en: t.labelEn, easy: t.labelEasy },
  reading: t.reading,
});

/** The themes named, all known and active; 400 with a pointer otherwise. */
export async function requireThemes(tx: Tx, codes: readonly string[]): Promise<ThemeRow[]> {
  const known = await activeThemes(tx);
  const found = codes.map((c) => known.find((t) => t.code === c));
  const missing = found.findIndex((t) => !t);
  if (missing >= 0)
    throw new AppError(400, 'cases.unknown_theme', {
      errors: [{ pointer: `/themes/${missing}`, message: KNOWLEDGE_FIELD.unknownTheme }],
    });
  return found as ThemeRow[];
}

export async function addTheme(
  tx: Tx,
  input: { code: string; labelJa: string; labelEn: string; labelEasy: string; reading: string },
): Promise<CaseTheme> {
  const [{ next } = { next: 0 }] = await tx
    .select({ next: sql<number>`coalesce(max(${caseThemes.sortOrder}), 0) + 1` })
    .from(caseThemes);
  const [row] = await tx
    .insert(caseThemes)
    .values({ ...input, sortOrder: Number(next), builtIn: false })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError(409, 'conflict');
  return presentTheme(row);
}
