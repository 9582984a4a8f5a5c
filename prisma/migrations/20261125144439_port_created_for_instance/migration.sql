-- AlterTable
ALTER TABLE "Port" ADD COLUMN     "createdForInstance" BOOLEAN NOT NULL DEFAULT false;
