-- One row per hazard of the current ledgers, keyed like every fact to period, region and industry. Region: the
-- row's 所属乡镇, else the enterprise's current region, else the submitter's, else the deployment's own
-- region. Industry: the row's
-- 行业类别, else the enterprise's current industry; NULL when neither is known.
-- Enterprise: the identity rule (enterprise_key_of, schema/V014) on the row's own USCC and name key, as
-- int_enterprise_mentions applies it before taking a ledger's rows together per enterprise.
with

hazards as (
    select * from stg_lists__hazards
),

name_usccs as (
    select * from int_enterprise_name_usccs
),

identified as (
    -- the row's enterprise by the one identity rule; int_enterprise_mentions holds a ledger per enterprise, not
    -- per row
    select
        hazards.*,
        enterprise_key_of(hazards.is_uscc_valid, hazards.uscc, hazards.name_key, name_usccs.uscc) as enterprise_key
    from hazards
    left join name_usccs on name_usccs.name_key = hazards.name_key
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
        hazards.enterprise_key,
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
    from identified as hazards
    left join enterprises on enterprises.enterprise_key = hazards.enterprise_key
)

select * from final
