-- PBT (issue 6): a member keeps its checkpoints at perturbation steps, so an exploiting member copies
-- its source exactly at the decision step. An event says why the member copied (e.g. it diverged).
ALTER TABLE "Checkpoint" ADD COLUMN "keep" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "PbtEvent" ADD COLUMN "reason" TEXT NOT NULL DEFAULT 'bottom-quantile';
