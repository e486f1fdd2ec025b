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

renamed as (
    select
        -- ids
        source.sha256,
        source.row_number,
        files.submitter_code,
        region_names.region_code as township_region_code,
        coalesce(region_names.region_code, submitters.region_code) as region_code,
        industry_names.industry_code,
        source.uscc,
        enterprise_name_key(source.enterprise_name) as name_key,
        -- text
        source.list,
        source.enterprise_name,
        source.township,
        source.industry as industry_text,
        source.main_risk,
        source.remarks,
        -- booleans
        uscc_is_valid(source.uscc) as is_uscc_valid,
        -- timestamps
        files.received_at
    from source
    inner join files on files.sha256 = source.sha256
    left join submitters on submitters.submitter_code = files.submitter_code
    left join region_names on region_names.name_key = text_key(source.township)
    left join industry_names on industry_names.name_key = text_key(source.industry)
)

select * from renamed
