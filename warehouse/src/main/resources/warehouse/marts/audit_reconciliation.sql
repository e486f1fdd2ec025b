-- 表间审核 (advisory): where the record-level lists and the summary tables disagree. Findings never reject a file.
--
-- LEDGER_MAJOR_MISMATCH compares month figures, not cumulative ones: the summary table's month figure is its
-- cumulative hazards_major minus the same submitter's current table of the month before (as the month-end rollup
-- does), and the ledger side counts the major hazards found in those same months. A cumulative comparison would
-- repeat one old discrepancy in every later month; the month figure names the month where it arose. When the month
-- before has no table, the span runs from the month after the last table (or the campaign's first month), so
-- both sides always cover the same months. Only submitters with a loaded ledger are compared, and only for the
-- months their ledgers cover (first to last month with any hazard): a ledger of May says nothing about April.
--
-- INSPECTION_RECORD_MISMATCH compares a submitter's month of inspection records (F-003-I, one row per inspection)
-- with the 本月数 row of its current F-003-II table for that month: enterprises inspected (distinct enterprises by
-- name key), cases filed (distinct 立案案号) and fines (万元). Like the ledger check, only the months the records
-- cover (first to last month with any inspection) are compared. list_count / reported_count carry the enterprises;
-- the message names all three figures on both sides.
--
-- INSPECTED_NOT_IN_DIRECTORY lists enterprises named by an inspection record or hazard ledger that no loaded
-- enterprise directory lists (by enterprise key or name key); only once at least one directory is loaded.
--
-- The million-row inputs (hazards, the ledger's rows, inspections, mentions) are not materialized and the directory
-- check is two left joins rather than a correlated NOT EXISTS, so the incremental build's filter on submitter_code
-- (the .yml's `incremental.where`) reaches their scans: one submitter's findings cost its rows, not the whole
-- ledger's. A hazard's enterprise is fact_hazard's; its name as written comes from the ledger's row (the mentions
-- hold a ledger per enterprise, not per row).
with

files as (
    select * from stg_submissions__files
    where status = 'loaded' and list_kind is null
),

lines as (
    select * from stg_submissions__lines
    where figures = 'cumulative'
),

month_lines as (
    select * from fact_submission_month_line
    where is_current
),

campaigns as (
    select * from stg_reference__campaigns
),

submitters as (
    select * from stg_reference__submitters
),

hazards as not materialized (
    select * from fact_hazard
),

ledger_rows as not materialized (
    select * from stg_lists__hazards
),

inspections as not materialized (
    select * from fact_inspection
),

mentions as not materialized (
    select * from int_enterprise_mentions
),

reported as (
    select
        files.submitter_code,
        files.campaign,
        files.period,
        sum(lines.hazards_major) as hazards_major_cum
    from files
    inner join lines on lines.sha256 = files.sha256
    group by files.submitter_code, files.campaign, files.period
),

reported_spans as (
    select
        reported.submitter_code,
        reported.campaign,
        reported.period,
        coalesce(
            cast(lag(reported.period) over months + interval 1 month as date),
            campaigns.first_month
        ) as span_start,
        reported.hazards_major_cum,
        coalesce(lag(reported.hazards_major_cum) over months, 0) as previous_cum
    from reported
    inner join campaigns on campaigns.campaign_code = reported.campaign
    window months as (partition by reported.submitter_code, reported.campaign order by reported.period)
),

ledger_submitters as (
    select submitter_code, min(period) as first_month, max(period) as last_month
    from hazards
    where submitter_code is not null
    group by submitter_code
),

major_comparisons as (
    select
        reported_spans.submitter_code,
        reported_spans.campaign,
        reported_spans.period,
        reported_spans.span_start,
        reported_spans.hazards_major_cum,
        reported_spans.previous_cum,
        reported_spans.hazards_major_cum - reported_spans.previous_cum as reported_count,
        count(hazards.row_number) as list_count
    from reported_spans
    inner join ledger_submitters
        on ledger_submitters.submitter_code = reported_spans.submitter_code
        and reported_spans.period between ledger_submitters.first_month and ledger_submitters.last_month
    left join hazards
        on hazards.submitter_code = reported_spans.submitter_code
        and hazards.level = 'major'
        and hazards.period between reported_spans.span_start and reported_spans.period
    where reported_spans.hazards_major_cum is not null
    group by all
),

major_mismatches as (
    select
        'LEDGER_MAJOR_MISMATCH' as rule,
        major_comparisons.submitter_code,
        major_comparisons.period,
        major_comparisons.campaign,
        cast(null as varchar) as enterprise_key,
        cast(null as varchar) as enterprise_name,
        major_comparisons.list_count,
        major_comparisons.reported_count,
        printf('%s %d年%s：隐患台账中发现日期在此期间的重大事故隐患 %d 项，统计汇总表填报 %d 项（本月累计 %d 减上期累计 %d），请核实。',
            submitters.submitter_name,
            year(major_comparisons.period),
            case
                when major_comparisons.span_start = major_comparisons.period
                    then month(major_comparisons.period) || '月'
                else month(major_comparisons.span_start) || '月至' || month(major_comparisons.period) || '月'
            end,
            major_comparisons.list_count,
            major_comparisons.reported_count,
            major_comparisons.hazards_major_cum,
            major_comparisons.previous_cum
        ) as message
    from major_comparisons
    inner join submitters on submitters.submitter_code = major_comparisons.submitter_code
    where major_comparisons.list_count <> major_comparisons.reported_count
),

inspection_months as (
    select
        inspections.submitter_code,
        inspections.period,
        count(distinct mentions.name_key) as enterprises,
        count(distinct nullif(trim(inspections.case_number), '')) as cases,
        coalesce(sum(inspections.fines_wan), 0) as fines_wan
    from inspections
    inner join mentions
        on mentions.sha256 = inspections.sha256
        and mentions.row_number = inspections.row_number
    where inspections.submitter_code is not null and inspections.period is not null
    group by inspections.submitter_code, inspections.period
),

inspection_spans as (
    select submitter_code, min(period) as first_month, max(period) as last_month
    from inspection_months
    group by submitter_code
),

inspection_comparisons as (
    select
        month_lines.submitter_code,
        month_lines.period,
        month_lines.campaign,
        coalesce(inspection_months.enterprises, 0) as list_enterprises,
        coalesce(inspection_months.cases, 0) as list_cases,
        coalesce(inspection_months.fines_wan, 0) as list_fines,
        coalesce(month_lines.enterprises_inspected, 0) as reported_enterprises,
        coalesce(month_lines.cases_filed, 0) as reported_cases,
        coalesce(month_lines.fines_wan, 0) as reported_fines
    from month_lines
    inner join inspection_spans
        on inspection_spans.submitter_code = month_lines.submitter_code
        and month_lines.period between inspection_spans.first_month and inspection_spans.last_month
    left join inspection_months
        on inspection_months.submitter_code = month_lines.submitter_code
        and inspection_months.period = month_lines.period
),

inspection_mismatches as (
    select
        'INSPECTION_RECORD_MISMATCH' as rule,
        inspection_comparisons.submitter_code,
        inspection_comparisons.period,
        inspection_comparisons.campaign,
        cast(null as varchar) as enterprise_key,
        cast(null as varchar) as enterprise_name,
        cast(inspection_comparisons.list_enterprises as bigint) as list_count,
        cast(inspection_comparisons.reported_enterprises as bigint) as reported_count,
        printf('%s %d年%d月：执法检查记录（统计表一）有检查企业 %d 家、立案 %d 起、罚款 %s 万元，统计表（二）本月数填报现场监督检查企业 %d 家、立案 %d 起、罚款 %s 万元，请核实。',
            submitters.submitter_name,
            year(inspection_comparisons.period),
            month(inspection_comparisons.period),
            inspection_comparisons.list_enterprises,
            inspection_comparisons.list_cases,
            cast(cast(inspection_comparisons.list_fines as double) as varchar),
            inspection_comparisons.reported_enterprises,
            inspection_comparisons.reported_cases,
            cast(cast(inspection_comparisons.reported_fines as double) as varchar)
        ) as message
    from inspection_comparisons
    inner join submitters on submitters.submitter_code = inspection_comparisons.submitter_code
    where inspection_comparisons.list_enterprises <> inspection_comparisons.reported_enterprises
        or inspection_comparisons.list_cases <> inspection_comparisons.reported_cases
        or inspection_comparisons.list_fines <> inspection_comparisons.reported_fines
),

listed as (
    select enterprise_key, name_key from mentions
    where list_kind = 'enterprise_directory'
),

named as (
    -- both sides empty until a directory is loaded: the million-row join is then not built at all
    select
        inspections.submitter_code,
        inspections.period,
        mentions.enterprise_key,
        mentions.name_key,
        mentions.enterprise_name,
        '执法检查记录' as named_in
    from (select * from inspections where exists (select 1 from listed)) as inspections
    inner join (select * from mentions where exists (select 1 from listed)) as mentions
        on mentions.sha256 = inspections.sha256
        and mentions.row_number = inspections.row_number
    union all
    select
        hazards.submitter_code,
        hazards.period,
        hazards.enterprise_key,
        ledger_rows.name_key,
        ledger_rows.enterprise_name,
        '隐患台账' as named_in
    from (select * from hazards where exists (select 1 from listed)) as hazards
    inner join (select * from ledger_rows where exists (select 1 from listed)) as ledger_rows
        on ledger_rows.sha256 = hazards.sha256
        and ledger_rows.row_number = hazards.row_number
),

unlisted as (
    select
        named.submitter_code,
        named.period,
        named.enterprise_key,
        min(named.enterprise_name) as enterprise_name,
        string_agg(distinct named.named_in, '、' order by named.named_in) as named_in,
        count(*) as list_count
    from named
    left join (select distinct enterprise_key from listed) as listed_keys
        on listed_keys.enterprise_key = named.enterprise_key
    left join (select distinct name_key from listed) as listed_names
        on listed_names.name_key = named.name_key
    where named.enterprise_key is not null
        and exists (select 1 from listed)
        and listed_keys.enterprise_key is null
        and listed_names.name_key is null
    group by named.submitter_code, named.period, named.enterprise_key
),

unlisted_findings as (
    select
        'INSPECTED_NOT_IN_DIRECTORY' as rule,
        unlisted.submitter_code,
        unlisted.period,
        cast(null as varchar) as campaign,
        unlisted.enterprise_key,
        unlisted.enterprise_name,
        unlisted.list_count,
        cast(null as bigint) as reported_count,
        printf('%s%s：企业“%s”出现在%s中（%d 条），但不在任何企业名录库（重点/一般检查企业名录库）中，请核实是否漏录。',
            coalesce(submitters.submitter_name || ' ', ''),
            coalesce(year(unlisted.period) || '年' || month(unlisted.period) || '月', '日期不详'),
            coalesce(unlisted.enterprise_name, unlisted.enterprise_key),
            unlisted.named_in,
            unlisted.list_count
        ) as message
    from unlisted
    left join submitters on submitters.submitter_code = unlisted.submitter_code
),

final as (
    select *, 'warning' as severity from major_mismatches
    union all by name
    select *, 'warning' as severity from unlisted_findings
    union all by name
    select *, 'warning' as severity from inspection_mismatches
)

select
    rule,
    severity,
    submitter_code,
    period,
    campaign,
    enterprise_key,
    enterprise_name,
    list_count,
    reported_count,
    message
from final
