-- 文件 (workbench): the findings (审核) of one file (parameter: sha256), in the order the checks reported them.
select issue_no, severity, rule, sheet, row_number, column_name, message
from audit_issue
where sha256 = ?
order by issue_no
