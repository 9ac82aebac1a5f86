import { sql } from 'drizzle-orm';
import { prefectureTenantCode } from '../../../shared/municipality-code.ts';
import { ROLE_SCOPE, type Role } from '../../../shared/roles.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { DEMO_PASSWORD, DEMO_TENANTS, type DemoSeed } from '../../platform/demo/registry.ts';
import { accountRoles, accounts } from './accounts.tables.ts';

/**
 * The Contract's demo accounts: `<role>@kofu.demo.example` and `<role>@kai.demo.example` for every
 * tenant role, plus `national@demo.example` and `prefecture@yamanashi.demo.example`; password
 * `tsunagari-demo`; no MFA prompt (isDemo). They exist only while demo mode is on.
 */
const TENANT_ROLES = (Object.keys(ROLE_SCOPE) as Role[]).filter((r) => ROLE_SCOPE[r] === 'tenant');

const ROLE_NAMES_JA: Record<Role, string> = {
  national: '国',
  prefecture: '山梨県',
  municipal_admin: '自治体管理者',
  consultation: '相談支援員',
  labour: '就労支援担当',
  finance: '会計担当',
  peer_supporter: 'ピアサポーター',
  family_association: '家族会',
  report_triage: '消費生活・福祉窓口',
  agency_member: '関係機関',
};

type DemoAccount = {
  email: string;
  displayName: string;
  scope: 'national' | 'prefecture' | 'tenant';
  tenantCode: string | null;
  role: Role;
};

export function demoAccounts(): DemoAccount[] {
  const list: DemoAccount[] = [
    {
      email: 'national@demo.example',
      displayName: 'デモ 国の担当',
      scope: 'national',
      tenantCode: null,
      role: 'national',
    },
    {
      email: 'prefecture@yamanashi.demo.example',
      displayName: 'デモ 山梨県の担当',
      scope: 'prefecture',
      tenantCode: prefectureTenantCode('19'),
      role: 'prefecture',
    },
    // The prefecture's own triage desk: reports from people who know only the prefecture (taken far
    // from home) reach it (issue 21 item 7).
    {
      email: 'report_triage@yamanashi.demo.example',
      displayName: 'デモ 山梨県 通報の担当',
      scope: 'prefecture',
      tenantCode: prefectureTenantCode('19'),
      role: 'report_triage',
    },
  ];
  for (const [slug, tenantCode, city] of [
    ['kofu', DEMO_TENANTS.kofu, '甲府市'],
    ['kai', DEMO_TENANTS.kai, '甲斐市'],
  ] as const) {
    for (const role of TENANT_ROLES) {
      list.push({
        email: `${role}@${slug}.demo.example`,
        displayName: `デモ ${city} ${ROLE_NAMES_JA[role]}`,
        scope: 'tenant',
        tenantCode,
        role,
      });
    }
    // A second finance account per tenant: payment batches need two people (the approver never
    // exports), so the four-eyes journey can be shown with demo accounts (issue 9).
    list.push({
      email: `finance2@${slug}.demo.example`,
      displayName: `デモ ${city} 会計担当（出力）`,
      scope: 'tenant',
      tenantCode,
      role: 'finance',
    });
  }
  return list;
}

export const accountsDemoSeed: DemoSeed = {
  name: 'accounts',
  after: ['tenants'],
  async run({ db }) {
    const wanted = demoAccounts();
    await asSystem(db, async (tx) => {
      const existing = await tx.execute(sql`select email from accounts where is_demo`);
      const have = new Set((existing as unknown as { rows: { email: string }[] }).rows.map((r) => r.email));
      const missing = wanted.filter((a) => !have.has(a.email));
      if (missing.length === 0) return;
      // One hash for all: argon2 is deliberately slow, and the demo password is public anyway.
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      for (const account of missing) {
        const [created] = await tx
          .insert(accounts)
          .values({
            email: account.email,
            displayName: account.displayName,
            scope: account.scope,
            tenantCode: account.tenantCode,
            passwordHash,
            isDemo: true,
          })
          .onConflictDoNothing()
          .returning({ id: accounts.id });
        if (created) {
          await tx
            .insert(accountRoles)
            .values({ accountId: created.id, role: account.role, tenantCode: account.tenantCode });
        }
      }
    });
  },
};
