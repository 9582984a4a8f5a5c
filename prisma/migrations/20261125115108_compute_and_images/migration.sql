-- CreateEnum
CREATE TYPE "ImageStatus" AS ENUM ('queued', 'saving', 'active', 'killed', 'deleted', 'deactivated');

-- CreateEnum
CREATE TYPE "ImageVisibility" AS ENUM ('public', 'private', 'shared', 'community');

-- CreateTable
CREATE TABLE "Image" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "ownerProjectId" TEXT,
    "status" "ImageStatus" NOT NULL DEFAULT 'queued',
    "visibility" "ImageVisibility" NOT NULL DEFAULT 'shared',
    "diskFormat" TEXT,
    "containerFormat" TEXT,
    "minDisk" INTEGER NOT NULL DEFAULT 0,
    "minRam" INTEGER NOT NULL DEFAULT 0,
    "protected" BOOLEAN NOT NULL DEFAULT false,
    "size" BIGINT,
    "virtualSize" BIGINT,
    "checksum" TEXT,
    "osHashAlgo" TEXT,
    "osHashValue" TEXT,
    "location" TEXT,
    "properties" JSONB NOT NULL DEFAULT '{}',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Image_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImageMember" (
    "imageId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImageMember_pkey" PRIMARY KEY ("imageId","projectId")
);

-- CreateTable
CREATE TABLE "Flavor" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "vcpus" INTEGER NOT NULL,
    "ramMb" INTEGER NOT NULL,
    "diskGb" INTEGER NOT NULL,
    "ephemeralGb" INTEGER NOT NULL DEFAULT 0,
    "swapMb" INTEGER NOT NULL DEFAULT 0,
    "rxtxFactor" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "isPublic" BOOLEAN NOT NULL DEFAULT true,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT,
    "extraSpecs" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Flavor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlavorAccess" (
    "flavorId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,

    CONSTRAINT "FlavorAccess_pkey" PRIMARY KEY ("flavorId","projectId")
);

-- CreateTable
CREATE TABLE "KeyPair" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'ssh',
    "publicKey" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeyPair_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComputeNode" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "hypervisorType" TEXT NOT NULL,
    "hypervisorVersion" INTEGER NOT NULL DEFAULT 0,
    "availabilityZone" TEXT NOT NULL DEFAULT 'nova',
    "roles" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "vcpus" INTEGER NOT NULL,
    "memoryMb" INTEGER NOT NULL,
    "localGb" INTEGER NOT NULL,
    "vcpusUsed" INTEGER NOT NULL DEFAULT 0,
    "memoryMbUsed" INTEGER NOT NULL DEFAULT 0,
    "localGbUsed" INTEGER NOT NULL DEFAULT 0,
    "cpuAllocationRatio" DOUBLE PRECISION NOT NULL DEFAULT 16,
    "ramAllocationRatio" DOUBLE PRECISION NOT NULL DEFAULT 1.5,
    "diskAllocationRatio" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "generation" INTEGER NOT NULL DEFAULT 0,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabledReason" TEXT,
    "state" TEXT NOT NULL DEFAULT 'up',
    "lastSeenAt" TIMESTAMP(3),
    "hostIp" TEXT,
    "driver" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ComputeNode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Allocation" (
    "instanceId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "vcpus" INTEGER NOT NULL,
    "memoryMb" INTEGER NOT NULL,
    "diskGb" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Allocation_pkey" PRIMARY KEY ("instanceId")
);

-- CreateTable
CREATE TABLE "Instance" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "flavorId" TEXT NOT NULL,
    "imageId" TEXT,
    "keyName" TEXT,
    "availabilityZone" TEXT,
    "vmState" TEXT NOT NULL DEFAULT 'building',
    "taskState" TEXT,
    "powerState" INTEGER NOT NULL DEFAULT 0,
    "nodeId" TEXT,
    "vcpus" INTEGER NOT NULL,
    "memoryMb" INTEGER NOT NULL,
    "rootGb" INTEGER NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "userData" TEXT,
    "networks" JSONB NOT NULL DEFAULT '[]',
    "reservationId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "fault" JSONB,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "launchedAt" TIMESTAMP(3),
    "terminatedAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Instance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InstanceAction" (
    "id" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "userId" TEXT,
    "projectId" TEXT,
    "message" TEXT,
    "startTime" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishTime" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InstanceAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InstanceActionEvent" (
    "id" TEXT NOT NULL,
    "actionId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "host" TEXT,
    "result" TEXT,
    "details" TEXT,
    "startTime" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishTime" TIMESTAMP(3),

    CONSTRAINT "InstanceActionEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuotaLimit" (
    "projectId" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "hardLimit" INTEGER NOT NULL,

    CONSTRAINT "QuotaLimit_pkey" PRIMARY KEY ("projectId","resource")
);

-- CreateTable
CREATE TABLE "QuotaDefault" (
    "resource" TEXT NOT NULL,
    "hardLimit" INTEGER NOT NULL,

    CONSTRAINT "QuotaDefault_pkey" PRIMARY KEY ("resource")
);

-- CreateIndex
CREATE INDEX "Image_ownerProjectId_idx" ON "Image"("ownerProjectId");

-- CreateIndex
CREATE INDEX "Image_visibility_idx" ON "Image"("visibility");

-- CreateIndex
CREATE INDEX "Image_createdAt_idx" ON "Image"("createdAt");

-- CreateIndex
CREATE INDEX "ImageMember_projectId_idx" ON "ImageMember"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "Flavor_name_key" ON "Flavor"("name");

-- CreateIndex
CREATE UNIQUE INDEX "KeyPair_userId_name_key" ON "KeyPair"("userId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ComputeNode_name_key" ON "ComputeNode"("name");

-- CreateIndex
CREATE INDEX "Allocation_nodeId_idx" ON "Allocation"("nodeId");

-- CreateIndex
CREATE INDEX "Instance_projectId_deletedAt_idx" ON "Instance"("projectId", "deletedAt");

-- CreateIndex
CREATE INDEX "Instance_nodeId_idx" ON "Instance"("nodeId");

-- CreateIndex
CREATE INDEX "Instance_createdAt_idx" ON "Instance"("createdAt");

-- CreateIndex
CREATE INDEX "InstanceAction_instanceId_startTime_idx" ON "InstanceAction"("instanceId", "startTime");

-- CreateIndex
CREATE INDEX "InstanceAction_requestId_idx" ON "InstanceAction"("requestId");

-- CreateIndex
CREATE INDEX "InstanceActionEvent_actionId_idx" ON "InstanceActionEvent"("actionId");

-- AddForeignKey
ALTER TABLE "ImageMember" ADD CONSTRAINT "ImageMember_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlavorAccess" ADD CONSTRAINT "FlavorAccess_flavorId_fkey" FOREIGN KEY ("flavorId") REFERENCES "Flavor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "ComputeNode"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instance" ADD CONSTRAINT "Instance_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "ComputeNode"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstanceAction" ADD CONSTRAINT "InstanceAction_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstanceActionEvent" ADD CONSTRAINT "InstanceActionEvent_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "InstanceAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;
