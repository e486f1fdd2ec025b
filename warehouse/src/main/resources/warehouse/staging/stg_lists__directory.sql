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

region_names as (
    select * from stg_reference__region_names
),

industry_names as (
    select * from stg_reference__industry_names
),

name_keys as (
    -- each distinct name's key computed once: a ledger repeats an enterprise on every hazard row, and
    -- enterprise_name_key per row cost most of a model build over a million rows
    select enterprise_name, enterprise_name_key(enterprise_name) as name_key
    from (select distinct enterprise_name from source)
),

uscc_checks as (
    select uscc, uscc_is_valid(uscc) as is_uscc_valid
    from (select distinct uscc from source)
),

township_regions as (
    select townships.township, region_names.region_code
    from (select distinct township from source) as townships
    inner join region_names on region_names.name_key = text_key(townships.township)
),

industry_codes as (
    select industries.industry, industry_names.industry_code
    from (select distinct industry from source) as industries
    inner join industry_names on industry_names.name_key = text_key(industries.industry)
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
