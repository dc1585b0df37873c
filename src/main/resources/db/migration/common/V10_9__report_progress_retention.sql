-- what the reporter was last told of (by SMS where configured): the band of the amount the banks
-- hold and the step of a return of frozen money to the report's case
ALTER TABLE public_report ADD COLUMN told_held VARCHAR(20) DEFAULT 'NONE' NOT NULL;
ALTER TABLE public_report ADD COLUMN told_return VARCHAR(20) DEFAULT 'NONE' NOT NULL;
-- the evidence is kept as long as the report's case (removed when the case is withdrawn) and, for a
-- report that made no case, for fanzha.reports.retention after it came; the reporter's phone then too
ALTER TABLE public_report ADD COLUMN evidence_removed_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX public_report_case_idx ON public_report (case_id);
CREATE INDEX public_report_received_idx ON public_report (received_at);
