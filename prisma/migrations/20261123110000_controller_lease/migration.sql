-- The sweep controller's lease and fencing token (issue 5).
ALTER TABLE "Sweep" ADD COLUMN "controllerToken" TEXT,
ADD COLUMN "controllerLeaseUntil" TIMESTAMP(3);

-- The tuner's id of each trial, for telling a reloaded study (issue 5).
ALTER TABLE "Trial" ADD COLUMN "tunerTrialId" TEXT;
