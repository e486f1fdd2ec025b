-- 本月 (workbench): the 催报 roster of one materialized rollup (parameters: campaign, period, kind), as the rollup
-- command printed it: status on_time | late | missing, the liaison to call.
select submitter_code, status, carried_forward, carried_from_period, received_at, liaison, phone, as_of
from rollup_roster
where campaign = ? and period = ? and kind = ?
order by submitter_code
