import { createRequire } from 'node:module';
import path from 'node:path';
import { normalizeReading, normalizeText } from './normalize.ts';

/**
 * Readings (よみ) for names, from the `kuromoji` morphological analyser. Its dictionary is ~40 MB and
 * takes most of a second (and a few hundred MB) to load, so it is loaded lazily, once per process,
 * and never on a public request: staff screens ask for a suggestion (`suggestReading`) to pre-fill
 * the field, and a background step fills readings left empty (imports, drafts saved without one).
 * The reading staff confirm is the source of truth; this only pre-fills it.
 */
type Token = { surface_form: string; reading?: string };
type Tokenizer = { tokenize(text: string): Token[] };

let loading: Promise<Tokenizer> | undefined;
let loaded: Tokenizer | undefined;

function dictionaryPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');
}

export function loadReadingAnalyser(): Promise<Tokenizer> {
  loading ??= (async () => {
    const { default: kuromoji } = await import('kuromoji');
    return new Promise<Tokenizer>((resolve, reject) => {
      kuromoji.builder({ dicPath: dictionaryPath() }).build((error, tokenizer) => {
        if (error) {
          loading = undefined;
          reject(error);
          return;
        }
        loaded = tokenizer as unknown as Tokenizer;
        resolve(loaded);
      });
    });
  })();
  return loading;
}

function readingWith(tokenizer: Tokenizer, text: string): string {
  // 異体字 first (髙 is not in the dictionary, 高 is); spaces do not belong in a reading.
  const source = normalizeText(text);
  const reading = tokenizer
    .tokenize(source)
    .map((t) => (t.reading && t.reading !== '*' ? t.reading : t.surface_form))
    .join('');
  return normalizeReading(reading);
}

/** The suggested reading in hiragana (e.g. 居場所ひだまり → いばしょひだまり); loads the analyser if needed. */
export async function suggestReading(text: string): Promise<string> {
  if (!text.trim()) return '';
  return readingWith(await loadReadingAnalyser(), text);
}
