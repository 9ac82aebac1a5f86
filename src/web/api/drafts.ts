import { useCallback, useEffect, useRef, useState } from 'react';
import { api, isApiError } from './client.ts';

/**
 * A long text kept as a draft on the server while it is typed (issue 22: nothing typed is lost when
 * a session expires or a tab closes). Never in browser storage: office machines are shared. The
 * draft belongs to the signed-in account (`/api/drafts/{key}`), so it comes back after signing in
 * again, on this or another machine.
 */
const SAVE_AFTER_MS = 1500;

type DraftView = { key: string; content: string; updatedAt: string };

export type ServerDraft = {
  /** True once the server said whether a draft exists (restored or not). */
  ready: boolean;
  /** Set when a draft was found and handed to `restore`: the page says so. */
  restoredAt: string | null;
  /** After the record was saved (or the text discarded): the draft goes. */
  discard: () => Promise<void>;
};

/**
 * Saves `value` (serialised) a moment after each change, unless `isEmpty(value)`; on mount, hands a
 * saved draft to `restore`. `key` names the page and record (`note:<person id>`).
 */
export function useServerDraft<T>(
  key: string,
  value: T,
  restore: (value: T) => void,
  isEmpty: (value: T) => boolean,
): ServerDraft {
  const [ready, setReady] = useState(false);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const lastSaved = useRef<string | null>(null);
  // A save still on its way when the draft is discarded would bring it back: discard waits for it.
  const inFlight = useRef<Promise<unknown>>(Promise.resolve());
  const restoreRef = useRef(restore);
  restoreRef.current = restore;
  const url = `/api/drafts/${encodeURIComponent(key)}`;

  useEffect(() => {
    let cancelled = false;
    setReady(false);
    api<DraftView>(url)
      .then((draft) => {
        if (cancelled) return;
        lastSaved.current = draft.content;
        restoreRef.current(JSON.parse(draft.content) as T);
        setRestoredAt(draft.updatedAt);
      })
      .catch((error: unknown) => {
        // 404: no draft. Anything else: the page works as before, without a restored draft.
        if (!isApiError(error, 404)) console.warn('draft not read', error);
      })
      .finally(() => {
        if (!cancelled) setReady(true);
      });
    return () => {
      cancelled = true;
    };
  }, [url]);

  const serialised = JSON.stringify(value);
  const empty = isEmpty(value);
  useEffect(() => {
    if (!ready || empty || serialised === lastSaved.current) return;
    const timer = window.setTimeout(() => {
      inFlight.current = api<DraftView>(url, { method: 'PUT', body: { content: serialised } })
        .then(() => {
          lastSaved.current = serialised;
        })
        .catch(() => {
          // Not saved this time (offline, session gone): the next change tries again.
        });
    }, SAVE_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [ready, empty, serialised, url]);

  const discard = useCallback(async () => {
    await inFlight.current;
    lastSaved.current = null;
    setRestoredAt(null);
    await api<void>(url, { method: 'DELETE' }).catch(() => undefined);
  }, [url]);

  return { ready, restoredAt, discard };
}
