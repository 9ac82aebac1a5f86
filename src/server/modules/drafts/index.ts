/** What other modules and the app may use of drafts (issue 22): its routes. */
export { registerDraftRoutes } from './drafts.routes.ts';
