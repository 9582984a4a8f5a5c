-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "newFlavor" JSONB,
ADD COLUMN     "oldFlavor" JSONB;
