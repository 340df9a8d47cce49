-- League per outlet (branch) per checklist per month, over the Parquet export.
-- Portable SQL (DuckDB, Spark SQL, Trino): tables `results` (the export's
-- results/ dataset, with its `checklist` and `month` partition columns).
SELECT
  r.checklist,
  r.month,
  r.branch,
  COUNT(*) AS n,
  AVG(r.overall_final) AS mean_final,
  SUM(CASE WHEN r.knocked_out THEN 1 ELSE 0 END) AS knockouts
FROM results r
GROUP BY r.checklist, r.month, r.branch
ORDER BY r.checklist, r.month, mean_final DESC, r.branch
