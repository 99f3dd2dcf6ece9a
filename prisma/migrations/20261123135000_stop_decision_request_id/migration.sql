-- A stop decision is keyed by the report that asked for it, so re-sending its INSERT after a lost
-- reply from Postgres (or a restarted controller re-reading its inbox) stores it once (issue 5).
ALTER TABLE "StopDecision" ADD COLUMN "requestId" TEXT;
CREATE UNIQUE INDEX "StopDecision_requestId_key" ON "StopDecision"("requestId");
