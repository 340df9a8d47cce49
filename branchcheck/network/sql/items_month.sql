-- Failure rate of every item per checklist per month, over the Parquet export.
-- Portable SQL (DuckDB, Spark SQL, Trino): tables `items` and `results`.
-- Only scored answers count (pass, partial, fail); `na`, `skipped` and `info` do not.
SELECT
  i.checklist,
  i.month,
  i.item_id,
  COUNT(*) AS answered,
  SUM(CASE WHEN i.status = 'fail' THEN 1 ELSE 0 END) AS failed,
  CAST(SUM(CASE WHEN i.status = 'fail' THEN 1 ELSE 0 END) AS DOUBLE) / COUNT(*) AS rate,
  COUNT(DISTINCT CASE WHEN i.status = 'fail' THEN r.branch END) AS outlets_failing,
  COUNT(DISTINCT r.branch) AS outlets
FROM items i
JOIN results r ON r.rid = i.rid
WHERE i.status IN ('pass', 'partial', 'fail')
GROUP BY i.checklist, i.month, i.item_id
ORDER BY i.checklist, i.month, rate DESC, i.item_id
