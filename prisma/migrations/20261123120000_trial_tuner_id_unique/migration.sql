-- One trial per tuner id in a sweep: a repeated allocation cannot insert a trial twice (issue 5).
CREATE UNIQUE INDEX "Trial_sweepId_tunerTrialId_key" ON "Trial"("sweepId", "tunerTrialId");
