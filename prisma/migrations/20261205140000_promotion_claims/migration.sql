-- A promotion claims its trial (numbered, leased, fenced by a token) so the retrain runs outside any transaction.
-- CreateTable
CREATE TABLE "PromotionClaim" (
    "trialId" TEXT NOT NULL,
    "sweepId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "token" TEXT NOT NULL,
    "leaseUntil" TIMESTAMP(3) NOT NULL,
    "evaluationId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PromotionClaim_pkey" PRIMARY KEY ("trialId")
);

-- CreateIndex
CREATE UNIQUE INDEX "PromotionClaim_sweepId_sequence_key" ON "PromotionClaim"("sweepId", "sequence");

-- AddForeignKey
ALTER TABLE "PromotionClaim" ADD CONSTRAINT "PromotionClaim_trialId_fkey" FOREIGN KEY ("trialId") REFERENCES "Trial"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromotionClaim" ADD CONSTRAINT "PromotionClaim_sweepId_fkey" FOREIGN KEY ("sweepId") REFERENCES "Sweep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

