import { z } from 'zod';

/**
 * The envelope of every paged list (ARCHITECTURE, "Contract": lists): one page of items, the total,
 * and the opaque cursor of the next page (null on the last). The server's routes declare it through
 * platform/http/list.ts, the contracts here for the web.
 */
export const listResponse = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), nextCursor: z.string().nullable() });
