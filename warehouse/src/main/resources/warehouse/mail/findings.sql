-- The first findings of one file, errors first, for the body of its 退回通知 / 审核提示.
select severity, rule, sheet, row_number, column_name, message
from audit_issue
where sha256 = ?
order by case severity when 'error' then 0 else 1 end, issue_no
limit 8
