-- The one valid USCC written beside each enterprise name key in the lists (directory, ledger, inspection rows), the
-- lookup of the identity rule (enterprise_key_of, schema/V014): a name key seen with two different valid codes has
-- none. A mart of its own so that int_enterprise_mentions and fact_hazard each join it on the name key — a small
-- table — and apply the rule to the ledger's rows themselves.
with

-- materialized: else DuckDB pushes the filters below the staging views' lookups (list_name_keys, list_uscc_checks)
-- and computes a name key and a check character per row instead of per distinct value
mentions as materialized (
    select name_key, uscc, is_uscc_valid from stg_lists__directory
    union all
    select name_key, uscc, is_uscc_valid from stg_lists__hazards
    union all
    select name_key, uscc, is_uscc_valid from stg_lists__inspections
),

final as (
    select
        name_key,
        min(uscc) as uscc
    from (select distinct name_key, uscc from mentions where is_uscc_valid and name_key <> '')
    group by name_key
    having count(*) = 1
)

select * from final
