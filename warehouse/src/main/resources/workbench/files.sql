-- 文件 (workbench): every inbox file anjian has recorded, newest first, with its findings counted.
select
    audit_file.sha256, audit_file.path, audit_file.received_at, audit_file.status, audit_file.submitter_code,
    audit_file.campaign, audit_file.period, audit_file.error_count, audit_file.warning_count, audit_file.format,
    audit_file.list_kind, audit_file.duplicate_of, audit_file.superseded_by, audit_file.ingested_at
from audit_file
order by audit_file.received_at desc, audit_file.path
