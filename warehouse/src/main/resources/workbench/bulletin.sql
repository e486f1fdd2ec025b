-- 通报 (workbench, anjian bulletin): one line per submitter of the cutoff roster of one campaign and month
-- (parameters: campaign, period; campaign, period; campaign, period). timeliness: on_time | late | rejected (missing
-- at the cutoff, and a table of the month was rejected) | missing. The figures are the submitter's current table for
-- the month (cumulative since the campaign's first month, as the tables are); a rate is null when nothing was found.
with

roster as (
    select submitter_code, submitter_name, status, received_at
    from rollup_roster
    where campaign = ? and period = ? and kind = 'cutoff'
),

rejected as (
    select distinct submitter_code
    from audit_file
    where campaign = ? and period = ? and status = 'rejected' and submitter_code is not null
),

figures as (
    select
        submitter_code,
        sum(hazards_total) as hazards_total,
        sum(rectified_total) as rectified_total,
        sum(hazards_major) as hazards_major,
        sum(rectified_major) as rectified_major
    from fact_submission_line
    where campaign = ? and period = ? and is_current
    group by submitter_code
)

select
    roster.submitter_code,
    roster.submitter_name,
    case
        when roster.status = 'missing' and rejected.submitter_code is not null then 'rejected'
        else roster.status
    end as timeliness,
    -- a missing submitter's received_at is the carried-forward table's: not a report of this month
    case when roster.status in ('on_time', 'late') then roster.received_at end as received_at,
    figures.hazards_total,
    figures.rectified_total,
    round(100.0 * figures.rectified_total / nullif(figures.hazards_total, 0), 1) as rectification_rate,
    figures.hazards_major,
    figures.rectified_major,
    round(100.0 * figures.rectified_major / nullif(figures.hazards_major, 0), 1) as major_rectification_rate
from roster
left join rejected on rejected.submitter_code = roster.submitter_code
left join figures on figures.submitter_code = roster.submitter_code
