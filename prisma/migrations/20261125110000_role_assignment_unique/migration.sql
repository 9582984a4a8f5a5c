-- A grant is one (role, actor, target, inherited) whatever columns are null: PostgreSQL treats
-- NULLs in a plain unique index as distinct, which would let the same grant be stored twice.
-- Prisma's schema cannot say NULLS NOT DISTINCT, so the index is rebuilt here under the name
-- Prisma gave it (the schema's @@unique), and schema and migrations still agree.
DROP INDEX "RoleAssignment_roleId_actorType_userId_groupId_targetType_p_key";
CREATE UNIQUE INDEX "RoleAssignment_roleId_actorType_userId_groupId_targetType_p_key" ON "RoleAssignment"
  ("roleId", "actorType", "userId", "groupId", "targetType", "projectId", "domainId", "inherited") NULLS NOT DISTINCT;
