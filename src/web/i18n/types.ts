/** Same keys as the Japanese texts, every value a string: what English must provide. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** やさしい日本語 overrides only what it needs; the rest falls back to Japanese. */
export type DeepPartial<T> = { [K in keyof T]?: T[K] extends string ? string : DeepPartial<T[K]> };
