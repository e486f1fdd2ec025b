-- 文件 (workbench): the annotated copy (审核意见) written for one file (parameter: sha256), if any.
select outcome, workbook_path, written_at
from audit_feedback
where sha256 = ?
