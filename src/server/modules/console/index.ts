/** The console's cross-module pages (issue 22): today's work on each role's home page, and the calendar. */

export { registerCalendarRoutes } from './calendar.routes.ts';
export { registerTodayRoutes } from './today.routes.ts';
