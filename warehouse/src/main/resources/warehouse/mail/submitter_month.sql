-- One submitter's tables for one campaign month received by now: accepted (loaded or superseded) and rejected.
select
    count(*) filter (where status in ('loaded', 'superseded')) as accepted,
    count(*) filter (where status = 'rejected') as rejected
from audit_file
where submitter_code = ? and campaign = ? and period = ? and received_at <= ?
