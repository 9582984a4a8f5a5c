import { core, createTRPCRouter, protectedProcedure } from '../../../trpc';
import { ZDeleteInputSchema } from './delete.schema';
import { deleteHandler } from './delete.handler';
import { ZGetInputSchema } from './get.schema';
import { getHandler } from './get.handler';
import { ZListInputSchema } from './list.schema';
import { listHandler } from './list.handler';
import { ZMembersInputSchema } from './members.schema';
import { membersHandler } from './members.handler';
import { ZMembershipInputSchema } from './membership.schema';
import { addMemberHandler, removeMemberHandler } from './membership.handler';
import { ZSaveInputSchema } from './save.schema';
import { saveHandler } from './save.handler';

/** Identity → Groups and group membership. */
export const groupsRouter = createTRPCRouter({
  list: protectedProcedure.input(ZListInputSchema).query(({ ctx, input }) => core(() => listHandler({ ctx, input }))),
  get: protectedProcedure.input(ZGetInputSchema).query(({ ctx, input }) => core(() => getHandler({ ctx, input }))),
  save: protectedProcedure.input(ZSaveInputSchema).mutation(({ ctx, input }) => core(() => saveHandler({ ctx, input }))),
  delete: protectedProcedure.input(ZDeleteInputSchema).mutation(({ ctx, input }) => core(() => deleteHandler({ ctx, input }))),
  members: protectedProcedure.input(ZMembersInputSchema).query(({ ctx, input }) => core(() => membersHandler({ ctx, input }))),
  addMember: protectedProcedure.input(ZMembershipInputSchema).mutation(({ ctx, input }) => core(() => addMemberHandler({ ctx, input }))),
  removeMember: protectedProcedure.input(ZMembershipInputSchema).mutation(({ ctx, input }) => core(() => removeMemberHandler({ ctx, input }))),
});
