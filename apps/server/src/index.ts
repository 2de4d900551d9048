/**
 * The server package's public surface for the web app: types only. The CLI's entry is
 * `bin/tideline.js`; nothing here pulls in runtime code.
 */
export type { AppRouter } from './trpc/app-router.js';
export type * from './api/dto.js';
