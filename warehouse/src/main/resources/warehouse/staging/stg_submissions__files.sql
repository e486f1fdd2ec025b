with

source as (
    select * from audit_file
),

renamed as (
    select
        -- ids
        sha256,
        path,
        submitter_code,
        campaign,
        duplicate_of,
        superseded_by,
        -- text
        status,
        format,
        sheet,
        form,
        list_kind,
        list_scope,
        -- numerics
        error_count,
        warning_count,
        size_bytes,
        -- dates
        period,
        -- booleans
        status in ('loaded', 'superseded') as is_accepted,
        status = 'loaded' as is_current,
        -- timestamps
        received_at,
        ingested_at
    from source
)

select * from renamed
