-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "hostname" TEXT,
ADD COLUMN     "keyData" TEXT,
ADD COLUMN     "launchIndex" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ServerGroup" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "policy" TEXT NOT NULL,
    "rules" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServerGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServerGroupMember" (
    "instanceId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServerGroupMember_pkey" PRIMARY KEY ("instanceId")
);

-- CreateIndex
CREATE INDEX "ServerGroup_projectId_idx" ON "ServerGroup"("projectId");

-- CreateIndex
CREATE INDEX "ServerGroupMember_groupId_idx" ON "ServerGroupMember"("groupId");

-- AddForeignKey
ALTER TABLE "ServerGroupMember" ADD CONSTRAINT "ServerGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ServerGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServerGroupMember" ADD CONSTRAINT "ServerGroupMember_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;
