-- v_late_submitters: 催报名单 — one row per (campaign, period, rollup kind, submitter) whose table was late or is
-- missing in that rollup (rollup_roster), with its deadline, whose figures were carried forward, and whom to call.
-- received_at is when the month's table came in: NULL for a missing submitter (the roster's is the time of the table
-- carried forward from an earlier month); rejected_rules/rejected_at say a missing one's table was rejected.
with

roster as (
    select * from rollup_roster where status in ('late', 'missing')
)

select
    r.campaign,
    r.period,
    r.kind,
    r.submitter_code,
    r.submitter_name,
    r.region_code,
    g.name as region_name,
    r.status,
    r.deadline,
    case when r.status = 'missing' then null else r.received_at end as received_at,
    r.carried_forward,
    r.carried_from_period,
    r.liaison,
    r.phone,
    r.as_of,
    r.rejected_rules,
    r.rejected_at
from roster as r
left join ref_region as g on g.code = r.region_code
order by r.campaign, r.period, r.kind, r.status, r.submitter_code
