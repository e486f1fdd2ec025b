-- One row per hazard of the current ledgers, keyed like every fact to period, region and industry. Region: the
-- row's 所属乡镇, else the enterprise's current region, else the submitter's, else the deployment's own
-- region. Industry: the row's
-- 行业类别, else the enterprise's current industry; NULL when neither is known.
with

hazards as (
    select * from stg_lists__hazards
),

mentions as (
    select * from int_enterprise_mentions
    where list_kind = 'hazard_ledger'
),

enterprises as (
    select * from dim_enterprise
    where is_current
),

top_region as (
    -- the deployment's own region, of whatever level
    select region_code from stg_reference__regions
    where parent_region_code is null
),

final as (
    select
        cast(date_trunc('month', hazards.found_on) as date) as period,
        coalesce(hazards.township_region_code, enterprises.region_code, hazards.region_code,
            (select region_code from top_region)) as region_code,
        coalesce(hazards.industry_code, enterprises.industry_code) as industry_code,
        mentions.enterprise_key,
        hazards.submitter_code,
        hazards.level,
        hazards.source,
        hazards.found_on,
        hazards.deadline,
        hazards.status,
        hazards.rectified_on,
        hazards.funds_wan,
        hazards.sha256,
        hazards.row_number
    from hazards
    inner join mentions
        on mentions.sha256 = hazards.sha256
        and mentions.row_number = hazards.row_number
    left join enterprises on enterprises.enterprise_key = mentions.enterprise_key
)

select * from final
