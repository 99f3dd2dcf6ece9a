-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "SweepStatus" AS ENUM ('draft', 'running', 'paused', 'finished', 'cancelled', 'failed');

-- CreateEnum
CREATE TYPE "TrialState" AS ENUM ('queued', 'running', 'completed', 'pruned', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "Direction" AS ENUM ('minimize', 'maximize');

-- CreateTable
CREATE TABLE "Sweep" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "workload" JSONB NOT NULL,
    "objectiveMetric" TEXT NOT NULL,
    "direction" "Direction" NOT NULL,
    "space" JSONB NOT NULL,
    "algorithm" TEXT NOT NULL,
    "algorithmSettings" JSONB NOT NULL DEFAULT '{}',
    "stopper" JSONB,
    "maxTrials" INTEGER NOT NULL,
    "maxConcurrentTrials" INTEGER NOT NULL DEFAULT 2,
    "maxWallTimeS" INTEGER,
    "status" "SweepStatus" NOT NULL DEFAULT 'draft',
    "tunerState" JSONB,
    "split" JSONB,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Sweep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Trial" (
    "id" TEXT NOT NULL,
    "sweepId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "params" JSONB NOT NULL,
    "state" "TrialState" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "workerId" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "value" DOUBLE PRECISION,
    "metrics" JSONB,
    "stoppedAt" INTEGER,
    "stopReason" TEXT,
    "error" TEXT,

    CONSTRAINT "Trial_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CurvePoint" (
    "id" BIGSERIAL NOT NULL,
    "trialId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CurvePoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StopDecision" (
    "id" BIGSERIAL NOT NULL,
    "trialId" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "rule" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "threshold" DOUBLE PRECISION,
    "rank" INTEGER,
    "peers" INTEGER,
    "reason" TEXT NOT NULL,
    "details" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StopDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Checkpoint" (
    "id" TEXT NOT NULL,
    "trialId" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "data" BYTEA,
    "storageKey" TEXT,
    "sizeBytes" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Checkpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TestEvaluation" (
    "id" TEXT NOT NULL,
    "sweepId" TEXT NOT NULL,
    "trialId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "config" JSONB NOT NULL,
    "metrics" JSONB NOT NULL,
    "splitHash" TEXT NOT NULL,
    "trainedOn" TEXT NOT NULL,
    "epochs" INTEGER NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TestEvaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PbtEvent" (
    "id" BIGSERIAL NOT NULL,
    "sweepId" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "trialId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "oldParams" JSONB NOT NULL,
    "newParams" JSONB NOT NULL,
    "checkpointId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PbtEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Sweep_status_idx" ON "Sweep"("status");

-- CreateIndex
CREATE INDEX "Sweep_createdAt_idx" ON "Sweep"("createdAt");

-- CreateIndex
CREATE INDEX "Trial_sweepId_state_idx" ON "Trial"("sweepId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "Trial_sweepId_number_key" ON "Trial"("sweepId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "CurvePoint_trialId_metric_step_key" ON "CurvePoint"("trialId", "metric", "step");

-- CreateIndex
CREATE INDEX "StopDecision_trialId_step_idx" ON "StopDecision"("trialId", "step");

-- CreateIndex
CREATE UNIQUE INDEX "Checkpoint_trialId_step_key" ON "Checkpoint"("trialId", "step");

-- CreateIndex
CREATE UNIQUE INDEX "TestEvaluation_trialId_key" ON "TestEvaluation"("trialId");

-- CreateIndex
CREATE UNIQUE INDEX "TestEvaluation_sweepId_sequence_key" ON "TestEvaluation"("sweepId", "sequence");

-- CreateIndex
CREATE INDEX "PbtEvent_sweepId_step_idx" ON "PbtEvent"("sweepId", "step");

-- AddForeignKey
ALTER TABLE "Trial" ADD CONSTRAINT "Trial_sweepId_fkey" FOREIGN KEY ("sweepId") REFERENCES "Sweep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CurvePoint" ADD CONSTRAINT "CurvePoint_trialId_fkey" FOREIGN KEY ("trialId") REFERENCES "Trial"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StopDecision" ADD CONSTRAINT "StopDecision_trialId_fkey" FOREIGN KEY ("trialId") REFERENCES "Trial"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checkpoint" ADD CONSTRAINT "Checkpoint_trialId_fkey" FOREIGN KEY ("trialId") REFERENCES "Trial"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TestEvaluation" ADD CONSTRAINT "TestEvaluation_sweepId_fkey" FOREIGN KEY ("sweepId") REFERENCES "Sweep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TestEvaluation" ADD CONSTRAINT "TestEvaluation_trialId_fkey" FOREIGN KEY ("trialId") REFERENCES "Trial"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PbtEvent" ADD CONSTRAINT "PbtEvent_sweepId_fkey" FOREIGN KEY ("sweepId") REFERENCES "Sweep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

