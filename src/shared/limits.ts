/** Limits shared by server and web (ARCHITECTURE "Contract"). */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
export const LIST_LIMIT_MAX = 200;
export const LIST_LIMIT_DEFAULT = 50;
/** One page of the public directory search, as the public pages ask for it (and the benchmark). */
export const PUBLIC_PLACES_PAGE = 20;
