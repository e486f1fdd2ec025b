-- Enterprise directory rows (重点/一般检查企业名录库) of every loaded directory file. A county-wide directory has no
-- 填报单位, so its region comes from the 所属乡镇 text alone.
with

source as (
    select * from raw_enterprise_directory
),

files as (
    select * from stg_submissions__files
    where list_kind = 'enterprise_directory' and status = 'loaded'
),

submitters as (
    select * from stg_reference__submitters
),

-- the lookups, once per distinct value of the raw table (macros in schema/V004__lists.sql)
name_keys as (
    select * from list_name_keys('raw_enterprise_directory')
),

uscc_checks as (
    select * from list_uscc_checks('raw_enterprise_directory')
),

township_regions as (
    select * from list_township_regions('raw_enterprise_directory')
),

industry_codes as (
    select * from list_industry_codes('raw_enterprise_directory')
),

renamed as (
    select
        -- ids
        source.sha256,
        source.row_number,
        files.submitter_code,
        township_regions.region_code as township_region_code,
        coalesce(township_regions.region_code, submitters.region_code) as region_code,
        industry_codes.industry_code,
        source.uscc,
        name_keys.name_key,
        -- text
        source.list,
        source.enterprise_name,
        source.township,
        source.industry as industry_text,
        source.main_risk,
        source.remarks,
        -- booleans
        coalesce(uscc_checks.is_uscc_valid, false) as is_uscc_valid,
        -- timestamps
        files.received_at
    from source
    inner join files on files.sha256 = source.sha256
    left join submitters on submitters.submitter_code = files.submitter_code
    left join name_keys on name_keys.enterprise_name = source.enterprise_name
    left join uscc_checks on uscc_checks.uscc = source.uscc
    left join township_regions on township_regions.township = source.township
    left join industry_codes on industry_codes.industry = source.industry
)

select * from renamed
