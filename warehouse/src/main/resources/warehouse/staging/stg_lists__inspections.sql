-- Inspection records (执法统计表（一）) of the current version of each file. The form has no township or industry
-- column: the marts take both from the enterprise directory, the region else from the submitter.
with

source as (
    select * from raw_inspection_record
),

files as (
    select * from stg_submissions__files
    where list_kind = 'inspection_record' and status = 'loaded'
),

submitters as (
    select * from stg_reference__submitters
),

-- the lookups, once per distinct value of the raw table (macros in schema/V004__lists.sql)
name_keys as (
    select * from list_name_keys('raw_inspection_record')
),

uscc_checks as (
    select * from list_uscc_checks('raw_inspection_record')
),

renamed as (
    select
        -- ids
        source.sha256,
        source.row_number,
        files.submitter_code,
        submitters.region_code,
        source.uscc,
        name_keys.name_key,
        source.case_number,
        -- text
        source.enterprise_name,
        source.inspectors as inspector_names,
        source.violations,
        source.rectification,
        source.legal_basis,
        source.other_measures,
        source.remarks,
        -- numerics
        try_cast(source.fines_wan as decimal(18, 4)) as fines_wan,
        -- dates
        try_cast(source.inspected_on as date) as inspected_on,
        -- booleans
        coalesce(uscc_checks.is_uscc_valid, false) as is_uscc_valid,
        -- timestamps
        files.received_at
    from source
    inner join files on files.sha256 = source.sha256
    left join submitters on submitters.submitter_code = files.submitter_code
    left join name_keys on name_keys.enterprise_name = source.enterprise_name
    left join uscc_checks on uscc_checks.uscc = source.uscc
)

select * from renamed
