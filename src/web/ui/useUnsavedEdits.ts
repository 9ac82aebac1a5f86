import { useState } from 'react';

/**
 * A form over saved values: what it shows is the saved values with the person's unsaved edits laid over
 * them. Copying the saved values into state in an effect instead leaves one render with the fields empty
 * once they arrive: a keystroke or a click there is lost when the effect runs, and a save sends nothing
 * (the disclosure review lost an approval's choices that way, stop 30). `reset` after a save, once the
 * saved values are the server's answer.
 */
export function useUnsavedEdits<V>(saved: Readonly<Record<string, V>> | undefined) {
  const [edits, setEdits] = useState<Record<string, V>>({});
  return {
    values: { ...saved, ...edits } as Record<string, V>,
    edit: (key: string, value: V) => setEdits((all) => ({ ...all, [key]: value })),
    reset: () => setEdits({}),
    unsaved: Object.keys(edits).length > 0,
  };
}
