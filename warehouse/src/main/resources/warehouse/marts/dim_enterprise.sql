-- Enterprises as a type-2 slowly changing dimension. Each directory or hazard ledger file is one observation of the
-- enterprises it names; observations are replayed in received order, and a new version starts when the name key,
-- industry, region or list differs from the version before. What a file does not state (a ledger has no list, a
-- blank 行业类别) carries the earlier value forward instead of ending it. Inspection records only mention
-- enterprises and create no versions. Ties in received time are broken by sha256 so a rebuild gives the same rows.
with

mentions as (
    select * from int_enterprise_mentions
    where list_kind in ('enterprise_directory', 'hazard_ledger')
        and enterprise_key is not null
),

observations as (
    -- one per (enterprise, file): the file's last row naming it speaks for the file (a ledger's mentions are one
    -- per enterprise already, taken together the same way)
    select
        enterprise_key,
        sha256,
        any_value(received_at) as received_at,
        arg_max(enterprise_name, row_number) as enterprise_name,
        arg_max(name_key, row_number) as name_key,
        arg_max(uscc, row_number) filter (where uscc is not null) as uscc,
        arg_max(industry_code, row_number) filter (where industry_code is not null) as industry_code,
        arg_max(region_code, row_number) filter (where region_code is not null) as region_code,
        arg_max(list, row_number) filter (where list is not null) as list
    from mentions
    group by enterprise_key, sha256
),

stated as (
    select
        enterprise_key,
        sha256,
        received_at,
        enterprise_name,
        name_key,
        last_value(uscc ignore nulls) over history as uscc,
        last_value(industry_code ignore nulls) over history as industry_code,
        last_value(region_code ignore nulls) over history as region_code,
        last_value(list ignore nulls) over history as list,
        row_number() over history as observation_no
    from observations
    window history as (
        partition by enterprise_key
        order by received_at, sha256
        rows between unbounded preceding and current row
    )
),

changes as (
    select
        stated.*,
        observation_no = 1
            or name_key is distinct from lag(name_key) over ordered
            or industry_code is distinct from lag(industry_code) over ordered
            or region_code is distinct from lag(region_code) over ordered
            or list is distinct from lag(list) over ordered as is_new_version
    from stated
    window ordered as (partition by enterprise_key order by observation_no)
),

numbered as (
    select
        changes.*,
        sum(case when is_new_version then 1 else 0 end) over (
            partition by enterprise_key
            order by observation_no
            rows between unbounded preceding and current row
        ) as version_no
    from changes
),

versions as (
    select
        enterprise_key,
        version_no,
        arg_max(uscc, observation_no) as uscc,
        arg_max(enterprise_name, observation_no) as name,
        any_value(name_key) as name_key,
        any_value(industry_code) as industry_code,
        any_value(region_code) as region_code,
        any_value(list) as list,
        min(received_at) as valid_from
    from numbered
    group by enterprise_key, version_no
),

final as (
    select
        enterprise_key,
        uscc,
        name,
        name_key,
        industry_code,
        region_code,
        list,
        valid_from,
        lead(valid_from) over (partition by enterprise_key order by version_no) as valid_to,
        lead(valid_from) over (partition by enterprise_key order by version_no) is null as is_current
    from versions
)

select * from final
