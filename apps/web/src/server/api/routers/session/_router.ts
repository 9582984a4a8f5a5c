import { accessibleProjects } from '@nimbus/core/identity/accessible-projects';
import { createTRPCRouter, protectedProcedure } from '../../trpc';

export const sessionRouter = createTRPCRouter({
  /** Who am I, where am I scoped, and which projects can I switch to. */
  me: protectedProcedure.query(async ({ ctx }) => {
    const { auth } = ctx.session;
    const projects = await accessibleProjects(ctx.ctx.db, auth.userId);
    return {
      user: { id: auth.userId, name: auth.userName, domainId: auth.userDomainId },
      project: { id: auth.projectId ?? '', name: auth.projectName ?? '' },
      roles: auth.roles,
      isAdmin: auth.isAdmin,
      expiresAt: auth.expiresAt,
      projects: projects.map((p) => ({ id: p.id, name: p.name })),
    };
  }),
});
