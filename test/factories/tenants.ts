import { tenantProfiles } from '../../src/server/modules/municipalities/municipalities.tables.ts';
import { asSystem } from '../../src/server/platform/db/tenant.ts';
import type { TestApp } from '../helpers/app.ts';

/**
 * A town that runs on this deployment: its profile row (名義, population, contacts), which staff then
 * edit through PUT /api/tenant/profile. Written directly because no route creates a tenant: a town
 * starts to exist with its first administrator (`npm run accounts:create-admin`, which inserts the same
 * row). Fictional contacts in the 000 range.
 */
export async function createTenant(
  t: TestApp,
  municipalityCode: string,
  over: Partial<typeof tenantProfiles.$inferInsert> = {},
): Promise<void> {
  await asSystem(t.db, (tx) =>
    tx
      .insert(tenantProfiles)
      .values({
        municipalityCode,
        documentName: '（テスト）福祉課',
        population: 100_000,
        populationAsOf: '2026-04-01',
        welfareContact: { department: '（テスト）相談係', phone: '000-0000-0001', hours: '平日 8:30〜17:15' },
        labourContact: {
          department: '（テスト）就労支援係',
          phone: '000-0000-0002',
          hours: '平日 8:30〜17:15',
        },
        onCallContact: { department: '（テスト）夜間・休日', phone: '000-0000-0099', hours: '24時間' },
        consultationNumbers: [
          { label: '（テスト）相談窓口', phone: '000-0000-0010', hours: '平日 9:00〜17:00' },
        ],
        ...over,
      })
      .onConflictDoNothing(),
  );
}
