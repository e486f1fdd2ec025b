-- 本月 (workbench): what each submitter has sent for one campaign and month (parameters: campaign, period as the
-- month's first day), read from the analysts' snapshot. first_received_at is the first accepted table (loaded or
-- later superseded), as the 催报 roster counts it; advisories are the loaded table's warnings other than LATE
-- (lateness is the status itself); a rejected file after the last accepted one is worth a look. An advisory is
-- explained (已说明) when audit_explanation has its rule for the file, for its cell or for every cell; explanation is
-- the loaded table's texts, 'RULE：text' joined by '；' as rollup_roster.explanation.
with

advisories as (
    select
        audit_issue.sha256,
        count(*) as advisories,
        count(*) filter (where exists (
            select 1 from audit_explanation e
            where e.sha256 = audit_issue.sha256 and e.rule = audit_issue.rule
              and (e.cell is null
                   or upper(e.cell) = upper(audit_issue.sheet || '!' || audit_issue.column_name || audit_issue.row_number))
        )) as explained
    from audit_issue
    where severity = 'warning' and rule <> 'LATE'
    group by audit_issue.sha256
),

explanations as (
    select sha256, string_agg(rule || '：' || text, '；' order by rule, explained_at desc) as explanation
    from audit_explanation
    group by sha256
),

files as (
    select
        audit_file.*,
        coalesce(advisories.advisories, 0) as advisories,
        coalesce(advisories.explained, 0) as explained,
        explanations.explanation
    from audit_file
    left join explanations on explanations.sha256 = audit_file.sha256
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
    coalesce(sum(advisories) filter (where status = 'loaded'), 0) as advisories,
    coalesce(sum(explained) filter (where status = 'loaded'), 0) as explained,
    string_agg(explanation, '；') filter (where status = 'loaded' and explanation is not null) as explanation
from files
group by submitter_code
