-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "description" TEXT;
