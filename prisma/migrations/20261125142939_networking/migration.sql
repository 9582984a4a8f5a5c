-- CreateTable
CREATE TABLE "Network" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "adminStateUp" BOOLEAN NOT NULL DEFAULT true,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "external" BOOLEAN NOT NULL DEFAULT false,
    "mtu" INTEGER NOT NULL,
    "networkType" TEXT NOT NULL,
    "physicalNetwork" TEXT,
    "segmentationId" INTEGER,
    "segmentKey" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Network_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Subnet" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "ipVersion" INTEGER NOT NULL,
    "cidr" TEXT NOT NULL,
    "gatewayIp" TEXT,
    "enableDhcp" BOOLEAN NOT NULL DEFAULT true,
    "dnsNameservers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "hostRoutes" JSONB NOT NULL DEFAULT '[]',
    "allocationPools" JSONB NOT NULL DEFAULT '[]',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Subnet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Port" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "macAddress" TEXT NOT NULL,
    "adminStateUp" BOOLEAN NOT NULL DEFAULT true,
    "status" TEXT NOT NULL DEFAULT 'DOWN',
    "deviceId" TEXT NOT NULL DEFAULT '',
    "deviceOwner" TEXT NOT NULL DEFAULT '',
    "portSecurityEnabled" BOOLEAN NOT NULL DEFAULT true,
    "hostId" TEXT NOT NULL DEFAULT '',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Port_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IpAllocation" (
    "subnetId" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "portId" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,

    CONSTRAINT "IpAllocation_pkey" PRIMARY KEY ("subnetId","ip")
);

-- CreateTable
CREATE TABLE "Router" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "adminStateUp" BOOLEAN NOT NULL DEFAULT true,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "gatewayNetworkId" TEXT,
    "enableSnat" BOOLEAN NOT NULL DEFAULT true,
    "routes" JSONB NOT NULL DEFAULT '[]',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Router_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FloatingIp" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "floatingNetworkId" TEXT NOT NULL,
    "floatingIpAddress" TEXT NOT NULL,
    "floatingPortId" TEXT NOT NULL,
    "portId" TEXT,
    "fixedIpAddress" TEXT,
    "routerId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DOWN',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FloatingIp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SecurityGroup" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "stateful" BOOLEAN NOT NULL DEFAULT true,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SecurityGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DefaultSecurityGroup" (
    "projectId" TEXT NOT NULL,
    "securityGroupId" TEXT NOT NULL,

    CONSTRAINT "DefaultSecurityGroup_pkey" PRIMARY KEY ("projectId")
);

-- CreateTable
CREATE TABLE "SecurityGroupRule" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "securityGroupId" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "direction" TEXT NOT NULL,
    "ethertype" TEXT NOT NULL,
    "protocol" TEXT,
    "portRangeMin" INTEGER,
    "portRangeMax" INTEGER,
    "remoteIpPrefix" TEXT,
    "remoteGroupId" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SecurityGroupRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PortSecurityGroup" (
    "portId" TEXT NOT NULL,
    "securityGroupId" TEXT NOT NULL,

    CONSTRAINT "PortSecurityGroup_pkey" PRIMARY KEY ("portId","securityGroupId")
);

-- CreateTable
CREATE TABLE "NetworkQuota" (
    "projectId" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "hardLimit" INTEGER NOT NULL,

    CONSTRAINT "NetworkQuota_pkey" PRIMARY KEY ("projectId","resource")
);

-- CreateIndex
CREATE UNIQUE INDEX "Network_segmentKey_key" ON "Network"("segmentKey");

-- CreateIndex
CREATE INDEX "Network_projectId_idx" ON "Network"("projectId");

-- CreateIndex
CREATE INDEX "Subnet_networkId_idx" ON "Subnet"("networkId");

-- CreateIndex
CREATE INDEX "Port_deviceId_idx" ON "Port"("deviceId");

-- CreateIndex
CREATE INDEX "Port_projectId_idx" ON "Port"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "Port_networkId_macAddress_key" ON "Port"("networkId", "macAddress");

-- CreateIndex
CREATE INDEX "IpAllocation_portId_idx" ON "IpAllocation"("portId");

-- CreateIndex
CREATE INDEX "Router_projectId_idx" ON "Router"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "FloatingIp_floatingPortId_key" ON "FloatingIp"("floatingPortId");

-- CreateIndex
CREATE INDEX "FloatingIp_projectId_idx" ON "FloatingIp"("projectId");

-- CreateIndex
CREATE INDEX "FloatingIp_portId_idx" ON "FloatingIp"("portId");

-- CreateIndex
CREATE INDEX "SecurityGroup_projectId_idx" ON "SecurityGroup"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "DefaultSecurityGroup_securityGroupId_key" ON "DefaultSecurityGroup"("securityGroupId");

-- CreateIndex
CREATE INDEX "SecurityGroupRule_securityGroupId_idx" ON "SecurityGroupRule"("securityGroupId");

-- CreateIndex
CREATE INDEX "PortSecurityGroup_securityGroupId_idx" ON "PortSecurityGroup"("securityGroupId");

-- AddForeignKey
ALTER TABLE "Subnet" ADD CONSTRAINT "Subnet_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Port" ADD CONSTRAINT "Port_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IpAllocation" ADD CONSTRAINT "IpAllocation_subnetId_fkey" FOREIGN KEY ("subnetId") REFERENCES "Subnet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IpAllocation" ADD CONSTRAINT "IpAllocation_portId_fkey" FOREIGN KEY ("portId") REFERENCES "Port"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DefaultSecurityGroup" ADD CONSTRAINT "DefaultSecurityGroup_securityGroupId_fkey" FOREIGN KEY ("securityGroupId") REFERENCES "SecurityGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SecurityGroupRule" ADD CONSTRAINT "SecurityGroupRule_securityGroupId_fkey" FOREIGN KEY ("securityGroupId") REFERENCES "SecurityGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SecurityGroupRule" ADD CONSTRAINT "SecurityGroupRule_remoteGroupId_fkey" FOREIGN KEY ("remoteGroupId") REFERENCES "SecurityGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PortSecurityGroup" ADD CONSTRAINT "PortSecurityGroup_portId_fkey" FOREIGN KEY ("portId") REFERENCES "Port"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PortSecurityGroup" ADD CONSTRAINT "PortSecurityGroup_securityGroupId_fkey" FOREIGN KEY ("securityGroupId") REFERENCES "SecurityGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
