-- Issue 19: an archived sweep leaves the default list (GET /api/v1/sweeps?archived=true shows it).
ALTER TABLE "Sweep" ADD COLUMN "archivedAt" TIMESTAMP(3);
