-- The change set of an incremental model build (ModelBuild): what the intakes since the last build touched. Each
-- incremental mart's .yml names, in `incremental.where`, its rows that these tables can change; the builder deletes
-- those rows and selects them again from the model. Temp tables: they live for this build's transaction only.

-- audit_file rows new, gone or different (a loaded file superseded, a duplicate recorded) since the last build
create or replace temp table changed_files as
with

now_files as (
    select sha256, path, hash(audit_file) as row_hash, list_kind, coalesce(submitter_code, '') as submitter_key
    from audit_file
),

built_files as (
    select sha256, path, row_hash, list_kind, submitter_key
    from model_build_file
),

differing as (
    (select * from now_files except select * from built_files)
    union all
    (select * from built_files except select * from now_files)
)

select distinct sha256, list_kind, submitter_key from differing;

-- the enterprise name keys (企业名称比对键) written in the changed list files: the enterprise identity of every
-- mention with one of these keys may change (a valid USCC beside the same name elsewhere becomes the key)
create or replace temp table changed_name_keys as
select distinct enterprise_name_key(enterprise_name) as name_key
from (
    select enterprise_name from raw_hazard_ledger
    where sha256 in (select sha256 from changed_files where list_kind = 'hazard_ledger')
    union
    select enterprise_name from raw_inspection_record
    where sha256 in (select sha256 from changed_files where list_kind = 'inspection_record')
    union
    select enterprise_name from raw_enterprise_directory
    where sha256 in (select sha256 from changed_files where list_kind = 'enterprise_directory')
)
where enterprise_name is not null;

-- filled by the marts' `incremental.changes` (before and after each is brought up to date)
create or replace temp table changed_name_usccs (uscc varchar);

create or replace temp table changed_enterprise_keys (enterprise_key varchar);

create or replace temp table changed_submitters as
select distinct submitter_key from changed_files;

create or replace temp table changed_list_kinds as
select distinct list_kind from changed_files where list_kind is not null;
