/**
 * Rate limits for public forms (Contract: anonymous POSTs are rate-limited). Use as the route's
 * `config.rateLimit`. Generous enough for a family filling in a form together on one connection,
 * tight enough to make automated flooding slow.
 */
export const PUBLIC_FORM_RATE_LIMIT = { max: 10, timeWindow: '1 minute' } as const;
export const PUBLIC_READ_RATE_LIMIT = { max: 120, timeWindow: '1 minute' } as const;
