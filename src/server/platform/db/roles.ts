import { sql } from 'drizzle-orm';
import { pgRole } from 'drizzle-orm/pg-core';
import type { Queryable } from './client.ts';

/**
 * Requests never query as the connecting (often super-) user: every transaction switches to this
 * non-superuser role with `SET LOCAL ROLE`, so row-level security is a real backstop.
 */
export const APP_ROLE = 'tsunagari_app';
export const appRole = pgRole(APP_ROLE).existing();

/**
 * Tables whose rows may be added but never changed or removed by the application: the platform's,
 * and each module's `appendOnlyTables` (its manifest), added by `installModules()` before migrations
 * run (`grantAppRole` revokes UPDATE and DELETE on them).
 */
export const APPEND_ONLY_TABLES: string[] = ['audit_events', 'navigator_rule_sets'];

export function registerAppendOnlyTable(table: string): void {
  if (!APPEND_ONLY_TABLES.includes(table)) APPEND_ONLY_TABLES.push(table);
}

export async function ensureAppRole(db: Queryable): Promise<void> {
  // Roles are cluster-wide on PostgreSQL; parallel test databases may race to create it.
  await db.execute(
    sql.raw(`do $$ begin
      if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
        begin create role ${APP_ROLE} nologin; exception when duplicate_object or unique_violation then null; end;
      end if;
      begin execute format('grant ${APP_ROLE} to %I', current_user); exception when others then null; end;
    end $$`),
  );
}

export async function grantAppRole(db: Queryable): Promise<void> {
  await db.execute(sql.raw(`grant usage on schema public to ${APP_ROLE}`));
  await db.execute(
    sql.raw(`grant select, insert, update, delete on all tables in schema public to ${APP_ROLE}`),
  );
  await db.execute(sql.raw(`grant usage, select on all sequences in schema public to ${APP_ROLE}`));
  await db
    .execute(sql.raw(`revoke all on table public.__drizzle_migrations from ${APP_ROLE}`))
    .catch(() => {});
  for (const table of APPEND_ONLY_TABLES) {
    const exists = (await db.execute(sql`select to_regclass(${`public.${table}`}) as t`)) as unknown as {
      rows: { t: string | null }[];
    };
    if (exists.rows[0]?.t)
      await db.execute(sql.raw(`revoke update, delete, truncate on table ${table} from ${APP_ROLE}`));
  }
}
