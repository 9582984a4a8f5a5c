import { core, createTRPCRouter, protectedProcedure } from '../../trpc';
import { ZLookupsInputSchema } from './lookups.schema';
import { lookupsHandler } from './lookups.handler';
import { groupsRouter } from './groups/_router';
import { rolesRouter } from './roles/_router';
import { appCredentialsRouter } from './app-credentials/_router';
import { projectsRouter } from './projects/_router';
import { usersRouter } from './users/_router';

/** The Identity panels: projects, users, groups, roles, application credentials. */
export const identityRouter = createTRPCRouter({
  lookups: protectedProcedure.input(ZLookupsInputSchema).query(({ ctx, input }) => core(() => lookupsHandler({ ctx, input }))),
  projects: projectsRouter,
  users: usersRouter,
  groups: groupsRouter,
  roles: rolesRouter,
  appCredentials: appCredentialsRouter,
});
