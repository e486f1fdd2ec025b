-- workbench: the latest month any file was recognised for, per campaign (the pages' default month when no
-- campaign runs today).
select campaign, max(period) as period
from audit_file
where period is not null and campaign is not null
group by campaign
order by period desc, campaign
