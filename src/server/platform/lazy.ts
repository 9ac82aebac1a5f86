/**
 * A value made on first use and then kept: a package loaded only when a feature needs it, a compiled
 * module, a hash computed ahead of need. A failed attempt is forgotten, so the next use tries again
 * (and reports the same error) rather than failing for good on the one rejected promise.
 */
export function lazyOnce<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    if (!made) {
      const attempt = make();
      made = attempt;
      attempt.catch(() => {
        if (made === attempt) made = undefined;
      });
    }
    return made;
  };
}
