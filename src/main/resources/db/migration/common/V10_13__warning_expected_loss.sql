-- 预测派警: an open warning's expected loss (the probability its person pays before being reached,
-- times the amount at risk), rescored every half minute, for the duty board's order
ALTER TABLE warning ADD COLUMN expected_loss DECIMAL(16, 2);
ALTER TABLE warning ADD COLUMN scored_at TIMESTAMP WITH TIME ZONE;
