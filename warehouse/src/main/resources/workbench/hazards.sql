-- 重大隐患督办 (workbench): every major hazard (隐患等级 重大) of the current hazard ledgers found by the page's date
-- (parameter: that date, Asia/Shanghai), with its enterprise, submitter and region, whether it is still
-- open on that date, overdue against 整改期限, and which of the 五落实 items the ledger row leaves blank.
-- Rectified by the date: 整改完成日期 on or before it, or 整改状态 已整改 with no completion date written. Overdue: open
-- and the date past 整改期限 (the deadline day itself is still in time). A 五落实 item is missing when its cell is blank,
-- or its column is absent from the ledger (the raw table cannot tell the two apart); 资金 and 期限 also when the cell
-- was not a number or date.
with

page as (
    select cast(? as date) as on_date
),

hazards as (
    select * from fact_hazard
    where level = 'major' and found_on <= (select on_date from page)
),

ledger_rows as (
    select * from raw_hazard_ledger
),

submitters as (
    select * from dim_submitter
),

regions as (
    select * from dim_region
),

final as (
    select
        hazards.submitter_code,
        submitters.name as submitter_name,
        hazards.region_code,
        regions.name as region_name,
        ledger_rows.enterprise_name,
        hazards.enterprise_key,
        ledger_rows.description,
        hazards.found_on,
        hazards.deadline,
        hazards.status,
        hazards.rectified_on,
        not coalesce(hazards.rectified_on <= (select on_date from page)
            or (hazards.status = 'rectified' and hazards.rectified_on is null), false) as is_open,
        nullif(trim(coalesce(ledger_rows.responsible, '')), '') is null as lacks_responsible,
        nullif(trim(coalesce(ledger_rows.measures, '')), '') is null as lacks_measures,
        hazards.funds_wan is null as lacks_funds,
        hazards.deadline is null as lacks_deadline,
        nullif(trim(coalesce(ledger_rows.contingency_plan, '')), '') is null as lacks_plan,
        hazards.sha256,
        hazards.row_number
    from hazards
    inner join ledger_rows
        on ledger_rows.sha256 = hazards.sha256
        and ledger_rows.row_number = hazards.row_number
    left join submitters on submitters.submitter_code = hazards.submitter_code
    left join regions on regions.region_code = hazards.region_code
)

select
    final.*,
    coalesce(final.is_open and final.deadline < page.on_date, false) as is_overdue,
    case when final.is_open and final.deadline < page.on_date then datediff('day', final.deadline, page.on_date) end
        as days_overdue
from final
cross join page
order by final.submitter_code, final.region_code, final.is_open desc, final.deadline nulls last, final.enterprise_name,
    final.row_number
