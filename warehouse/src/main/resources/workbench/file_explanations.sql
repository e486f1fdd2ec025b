-- 文件 (workbench): the explanations (上报说明) of one file's advisory findings (parameter: sha256), newest first,
-- with who wrote them: the submitter in its workbook, or the office / a clerk on the workbench or with anjian explain.
select rule, cell, text, explained_by, explained_at, source
from audit_explanation
where sha256 = ?
order by explained_at desc, rule
