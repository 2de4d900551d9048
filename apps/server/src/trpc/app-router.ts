import { router } from './init.js';
import { actionsRouter } from './routers/actions.js';
import { auditRouter } from './routers/audit.js';
import { eventsRouter } from './routers/events.js';
import { graphRouter } from './routers/graph.js';
import { meRouter } from './routers/me.js';
import { sessionsRouter } from './routers/sessions.js';
import { tokensRouter } from './routers/tokens.js';
import { objectsRouter } from './routers/objects.js';

/** The whole API, mounted at `/trpc`. */
export const appRouter = router({
  objects: objectsRouter,
  graph: graphRouter,
  actions: actionsRouter,
  events: eventsRouter,
  me: meRouter,
  tokens: tokensRouter,
  sessions: sessionsRouter,
  audit: auditRouter,
});

/** The API's type: the only thing the web app imports from the server. */
export type AppRouter = typeof appRouter;
