-- Models an earlier version built and this one no longer has: an upgraded warehouse would otherwise keep them as
-- relations nothing brings up to date (the runner creates only what models.index lists).
-- stg_submissions__month_lines: the 本月数 rows are in stg_submissions__lines since, with figures = 'month'.
drop view if exists stg_submissions__month_lines;
