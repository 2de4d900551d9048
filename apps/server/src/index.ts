export { main } from './cli/main.js';
export type { AppRouter } from './trpc/app-router.js';
export type * from './api/dto.js';
