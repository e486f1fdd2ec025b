-- 本月 (workbench): what each submitter has sent for one campaign and month (parameters: campaign, period as the
-- month's first day), read from the analysts' snapshot. first_received_at is the first accepted table (loaded or
-- later superseded), as the 催报 roster counts it; advisories are the loaded table's warnings other than LATE
-- (lateness is the status itself); a rejected file after the last accepted one is worth a look.
with

advisories as (
    select sha256, count(*) as advisories
    from audit_issue
    where severity = 'warning' and rule <> 'LATE'
    group by sha256
),

files as (
    select audit_file.*, coalesce(advisories.advisories, 0) as advisories
    from audit_file
    left join advisories on advisories.sha256 = audit_file.sha256
    where audit_file.campaign = ? and audit_file.period = ? and audit_file.submitter_code is not null
)

select
    submitter_code,
    min(received_at) filter (where status in ('loaded', 'superseded')) as first_received_at,
    max(received_at) filter (where status in ('loaded', 'superseded')) as last_accepted_at,
    count(*) filter (where status in ('loaded', 'superseded')) as accepted_files,
    count(*) filter (where status = 'rejected') as rejected_files,
    max(received_at) filter (where status = 'rejected') as last_rejected_at,
    coalesce(sum(advisories) filter (where status = 'loaded'), 0) as advisories
from files
group by submitter_code
