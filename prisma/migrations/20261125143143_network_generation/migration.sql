-- CreateTable
CREATE TABLE "NetworkGeneration" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "generation" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "NetworkGeneration_pkey" PRIMARY KEY ("id")
);
