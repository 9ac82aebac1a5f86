/** The console's cross-module pages (issue 22): today's work on each role's home page. */
export { registerTodayRoutes } from './today.routes.ts';
