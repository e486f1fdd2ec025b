-- 通报 targets (workbench, anjian bulletin): per submitter, for one campaign and month (parameters: campaign, period as
-- the month's first day), the figures its targets are checked on (targets.csv, README "Reference data"):
--   inspected_month     检查企业数量 of the month: the current table's 本月数 rows where the form has them (F-003-II),
--                       else its cumulative figure minus that of the current table of the latest earlier month of
--                       the campaign (none: 0); NULL when the submitter has no table for the month
--   listed_month        distinct enterprises in the submitter's inspection records (执法检查明细) of the month
--   key_listed, key_inspected        its current 重点检查企业名录库's enterprises, and those it inspected (its
--                                    inspection records) from the campaign's first month through this one
--   general_listed, general_inspected the same for its 一般检查企业名录库, the “双随机” pool
-- Enterprises are matched by int_enterprise_mentions' enterprise_key (valid USCC, else the name key).
with

page as (
    select
        cast(? as varchar) as campaign,
        cast(? as date) as period
),

window_ as (
    select
        page.campaign,
        page.period,
        cast(dim_campaign.first_month as date) as first_month,
        cast(page.period + interval 1 month as date) as month_after
    from page
    inner join dim_campaign on dim_campaign.campaign_code = page.campaign
),

submitters as (
    select * from dim_submitter
),

current_tables as (
    select submitter_code, period, sum(enterprises_inspected) as enterprises_inspected
    from fact_submission_line
    where campaign = (select campaign from window_) and is_current and period <= (select period from window_)
    group by submitter_code, period
),

month_rows as (
    select submitter_code, sum(enterprises_inspected) as enterprises_inspected
    from fact_submission_month_line
    where campaign = (select campaign from window_) and is_current and period = (select period from window_)
    group by submitter_code
),

this_month as (
    select * from current_tables
    where period = (select period from window_)
),

month_before as (
    select submitter_code, arg_max(enterprises_inspected, period) as enterprises_inspected
    from current_tables
    where period < (select period from window_)
    group by submitter_code
),

inspections as (
    select fact_inspection.submitter_code, fact_inspection.inspected_on, mentions.enterprise_key
    from fact_inspection
    inner join int_enterprise_mentions as mentions
        on mentions.sha256 = fact_inspection.sha256
        and mentions.row_number = fact_inspection.row_number
    where mentions.enterprise_key is not null
),

listed_month as (
    select submitter_code, count(distinct enterprise_key) as listed_month
    from inspections
    where inspected_on >= (select period from window_) and inspected_on < (select month_after from window_)
    group by submitter_code
),

directory as (
    select distinct submitter_code, list, enterprise_key
    from int_enterprise_mentions
    where list_kind = 'enterprise_directory' and enterprise_key is not null and submitter_code is not null
),

inspected_in_campaign as (
    select distinct submitter_code, enterprise_key
    from inspections
    where inspected_on >= (select first_month from window_) and inspected_on < (select month_after from window_)
),

directory_counts as (
    select
        directory.submitter_code,
        count(*) filter (where directory.list = 'key') as key_listed,
        count(inspected_in_campaign.enterprise_key) filter (where directory.list = 'key') as key_inspected,
        count(*) filter (where directory.list = 'general') as general_listed,
        count(inspected_in_campaign.enterprise_key) filter (where directory.list = 'general') as general_inspected
    from directory
    left join inspected_in_campaign
        on inspected_in_campaign.submitter_code = directory.submitter_code
        and inspected_in_campaign.enterprise_key = directory.enterprise_key
    group by directory.submitter_code
)

select
    submitters.submitter_code,
    submitters.name as submitter_name,
    submitters.kind,
    case
        when this_month.submitter_code is null then null
        else coalesce(month_rows.enterprises_inspected,
            this_month.enterprises_inspected - coalesce(month_before.enterprises_inspected, 0))
    end as inspected_month,
    coalesce(listed_month.listed_month, 0) as listed_month,
    coalesce(directory_counts.key_listed, 0) as key_listed,
    coalesce(directory_counts.key_inspected, 0) as key_inspected,
    coalesce(directory_counts.general_listed, 0) as general_listed,
    coalesce(directory_counts.general_inspected, 0) as general_inspected
from submitters
left join this_month on this_month.submitter_code = submitters.submitter_code
left join month_rows on month_rows.submitter_code = submitters.submitter_code
left join month_before on month_before.submitter_code = submitters.submitter_code
left join listed_month on listed_month.submitter_code = submitters.submitter_code
left join directory_counts on directory_counts.submitter_code = submitters.submitter_code
order by submitters.submitter_code
