-- Mean final score per outlet (branch) per checklist per month, over the Parquet export.
-- Portable SQL (DuckDB, Spark SQL, Trino): table `results`.
SELECT
  r.branch,
  r.checklist,
  r.month,
  COUNT(*) AS n,
  AVG(r.overall_final) AS mean_final
FROM results r
GROUP BY r.branch, r.checklist, r.month
ORDER BY r.branch, r.checklist, r.month
