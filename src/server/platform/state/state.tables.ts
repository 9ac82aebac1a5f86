import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Small facts about the installation itself, read and written by the owner connection only (RLS on
 * and no policy: the app role sees nothing). Used for the check values of DATA_KEY (a wrong key is
 * reported as a wrong key at start-up) and for the audit anchor marker (heads were exported before:
 * a missing heads file is then an alarm, not a fresh start). ADR 0014.
 */
export const platformState = pgTable('platform_state', {
  key: text().primaryKey(),
  value: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}).enableRLS();
