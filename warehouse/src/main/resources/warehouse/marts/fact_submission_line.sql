with

lines as (
    select * from stg_submissions__lines
    where figures = 'cumulative'
),

files as (
    select * from stg_submissions__files
),

accepted_lines as (
    select
        lines.sha256,
        lines.sheet,
        lines.row_number,
        lines.submitter_code,
        lines.campaign,
        lines.period,
        lines.region_code,
        lines.industry_code,
        lines.received_at,
        files.status,
        files.is_current,
        -- every measure column, in catalog order: the landed line without its ids, lineage and dates
        columns(lines.* exclude (
            sha256, sheet, figures, row_number, submitter_code, campaign, period, region_code, industry_code,
            received_at
        ))
    from lines
    inner join files on files.sha256 = lines.sha256
    -- a duplicate shares the sha256 but lands no lines; keep the accepted row only
    where files.is_accepted
)

select * from accepted_lines
