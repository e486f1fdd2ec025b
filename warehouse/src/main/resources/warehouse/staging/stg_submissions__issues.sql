with

source as (
    select * from audit_issue
),

renamed as (
    select
        -- ids
        sha256,
        issue_no,
        -- text
        severity,
        rule,
        sheet,
        column_name,
        message,
        -- numerics
        row_number,
        -- booleans
        severity = 'error' as is_error
    from source
)

select * from renamed
