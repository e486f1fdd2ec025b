-- 退回通知 / 审核提示 not yet mailed: every annotated workbook in audit_feedback whose event has no mail_sent row, with
-- the file it answers (first path of those bytes), its counts and its first findings, and the sender of the message
-- that brought it (the fallback recipient for a submitter without an email).
with files as (
    select sha256, min(path) as path, min(received_at) as received_at, any_value(campaign) as campaign
    from audit_file
    group by sha256
)
select
    f.sha256,
    f.submitter_code,
    f.period,
    f.outcome,
    f.workbook_path,
    files.path,
    files.received_at,
    files.campaign,
    (select count(*) from audit_issue i where i.sha256 = f.sha256 and i.severity = 'error') as errors,
    (select count(*) from audit_issue i where i.sha256 = f.sha256 and i.severity = 'warning') as warnings,
    (select m.sender from mail_fetched m where list_contains(m.saved_files, files.path) order by m.fetched_at limit 1)
        as mail_sender
from audit_feedback f
join files using (sha256)
where not exists (select 1 from mail_sent s where s.event_key = 'feedback:' || f.sha256)
order by files.received_at, f.sha256
