-- 本月 / 汇总 (workbench): the rollups materialized for one campaign and month (parameters: campaign, period).
select kind, max(as_of) as as_of, count(*) as submitters, count(*) filter (where status = 'missing') as missing
from rollup_roster
where campaign = ? and period = ?
group by kind
