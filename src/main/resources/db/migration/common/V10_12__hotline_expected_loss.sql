-- 预测派警: the expected loss of a call task's warning (the probability its person pays before
-- they are reached, times the amount at risk), rescored every half minute while the task is open;
-- the hotline's next task goes by it when the dispatch model is in charge
ALTER TABLE hotline_task ADD COLUMN expected_loss DECIMAL(16, 2);
ALTER TABLE hotline_task ADD COLUMN scored_at TIMESTAMP WITH TIME ZONE;
