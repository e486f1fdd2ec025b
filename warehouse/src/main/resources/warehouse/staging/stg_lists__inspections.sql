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

renamed as (
    select
        -- ids
        source.sha256,
        source.row_number,
        files.submitter_code,
        submitters.region_code,
        source.uscc,
        enterprise_name_key(source.enterprise_name) as name_key,
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
        uscc_is_valid(source.uscc) as is_uscc_valid,
        -- timestamps
        files.received_at
    from source
    inner join files on files.sha256 = source.sha256
    left join submitters on submitters.submitter_code = files.submitter_code
)

select * from renamed
