/**
 * npm run accounts:create-admin -- --email a@city.example --name "山田 花子" (--tenant 192015 | --national | --prefecture 19)
 *
 * Creates the first administrator of a tenant (municipal_admin), of a prefecture (prefecture role on
 * its tenant code) or of the deployment (national), and prints a one-time link to set the password.
 * The operator runs it on the server, so the link is shown here rather than e-mailed.
 */
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { isValidMunicipalityCode, prefectureTenantCode } from '../../shared/municipality-code.ts';
import type { Role } from '../../shared/roles.ts';
import { accountRoles, accounts } from '../modules/accounts/accounts.tables.ts';
import { municipalities, tenantProfiles } from '../modules/municipalities/municipalities.tables.ts';
import { appendAudit } from '../platform/audit/append.ts';
import { createPasswordResetToken } from '../platform/auth/password-reset.ts';
import { fixedClock, systemClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { openPglite, openPostgres } from '../platform/db/client.ts';
import { asSystem } from '../platform/db/tenant.ts';
import { prepareDatabase } from '../startup.ts';

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    tenant: { type: 'string' },
    prefecture: { type: 'string' },
    national: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const email = values.email?.trim().toLowerCase();
if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) fail('--email is required (a valid address).');
const displayName = values.name?.trim() || fail('--name is required.');
const choices = [values.national, Boolean(values.tenant), Boolean(values.prefecture)].filter(Boolean).length;
if (choices !== 1) fail('Give exactly one of --tenant <6-digit code>, --prefecture <01–47> or --national.');

let scope: 'national' | 'prefecture' | 'tenant';
let tenantCode: string | null;
let role: Role;
if (values.national) {
  scope = 'national';
  tenantCode = null;
  role = 'national';
} else if (values.prefecture) {
  const pref = values.prefecture.padStart(2, '0');
  if (!/^\d{2}$/.test(pref) || Number(pref) < 1 || Number(pref) > 47) fail('--prefecture must be 01–47.');
  scope = 'prefecture';
  tenantCode = prefectureTenantCode(pref);
  role = 'prefecture';
} else {
  const code = values.tenant!.normalize('NFKC');
  if (!isValidMunicipalityCode(code)) fail(`--tenant ${code} is not a valid 6-digit code (check digit).`);
  scope = 'tenant';
  tenantCode = code;
  role = 'municipal_admin';
}

const config = loadConfig();
const clock = config.clock ? fixedClock(config.clock) : systemClock;
const db = config.databaseUrl
  ? await openPostgres(config.databaseUrl, { max: 2 })
  : await openPglite({ dataDir: config.dataDir });
try {
  await prepareDatabase(db, config, clock, { demo: false });
  const token = await asSystem(db, async (tx) => {
    if (tenantCode) {
      const [known] = await tx.select().from(municipalities).where(eq(municipalities.code, tenantCode));
      if (!known?.operating) fail(`${tenantCode} is not an operating municipality or prefecture.`);
      // The tenant starts to exist on this deployment with its first administrator.
      await tx
        .insert(tenantProfiles)
        .values({ municipalityCode: tenantCode, documentName: known.name })
        .onConflictDoNothing();
    }
    const [created] = await tx
      .insert(accounts)
      .values({ email, displayName, scope, tenantCode })
      .onConflictDoNothing()
      .returning({ id: accounts.id });
    if (!created) fail(`An account with ${email} already exists.`);
    await tx.insert(accountRoles).values({ accountId: created.id, role, tenantCode });
    await appendAudit(tx, {
      action: 'accounts.account.create',
      recordType: 'account',
      recordId: created.id,
      actorRole: 'cli',
      chain: tenantCode ?? 'national',
    });
    return createPasswordResetToken(tx, created.id, clock);
  });
  console.info(`Created ${role} account ${email}${tenantCode ? ` for ${tenantCode}` : ''}.`);
  console.info('Open this one-time link within 24 hours to set the password (then enrol a second factor):');
  console.info(`  ${config.publicUrl}/password-reset#token=${token}`);
} finally {
  await db.close();
}
