-- Record-level lists (明细清单: 隐患台账, 执法检查明细, 企业名录库, 联络员名单) as landed by the writers' ListWriter,
-- one raw table per list kind (readers' ListKind): every canonical column as VARCHAR exactly as the reader normalised
-- it; the staging views cast. No primary key: an ART index costs the Appender most of its speed on million-row
-- ledgers, and (sha256, row_number) uniqueness is checked in the staging contracts instead.
-- Idempotent DDL: safe to run on every start.

-- NULL for the summary tables; the ListKind code of a list file.
alter table audit_file add column if not exists list_kind varchar;

create table if not exists raw_hazard_ledger (
    sha256 varchar not null,
    row_number integer not null,         -- 1-based sheet row as a spreadsheet shows it
    enterprise_name varchar,
    uscc varchar,
    township varchar,
    industry varchar,
    description varchar,
    level varchar,                       -- major | general
    found_on varchar,                    -- yyyy-MM-dd
    source varchar,                      -- self_check | enforcement
    measures varchar,
    responsible varchar,
    funds_wan varchar,                   -- plain decimal, 万元
    deadline varchar,
    status varchar,                      -- rectified | in_progress | not_started
    rectified_on varchar,
    contingency_plan varchar,
    remarks varchar
);

create table if not exists raw_inspection_record (
    sha256 varchar not null,
    row_number integer not null,
    enterprise_name varchar,
    uscc varchar,
    inspected_on varchar,
    inspectors varchar,                  -- names as written
    violations varchar,                  -- the cell as written; split into raw_inspection_violation
    rectification varchar,
    case_number varchar,
    fines_wan varchar,
    legal_basis varchar,
    other_measures varchar,
    remarks varchar
);

-- One row per numbered item of an inspection's 违法行为 cell (“1. … 2. …”).
create table if not exists raw_inspection_violation (
    sha256 varchar not null,
    row_number integer not null,         -- the inspection's row
    item_no integer not null,            -- 1-based position in the cell
    violation varchar not null
);

create table if not exists raw_enterprise_directory (
    sha256 varchar not null,
    row_number integer not null,
    list varchar,                        -- key | general (重点 / 一般检查企业名录库)
    enterprise_name varchar,
    uscc varchar,
    industry varchar,
    township varchar,
    main_risk varchar,
    remarks varchar
);

create table if not exists raw_liaison_list (
    sha256 varchar not null,
    row_number integer not null,
    name varchar,
    gender varchar,
    unit_and_post varchar,
    mobile varchar,
    remarks varchar
);

-- How free text is compared with reference names: NFKC's effect on this text (full-width ASCII and the ideographic
-- space to half-width, after NFC), every bracket shape to ( ), all whitespace removed.
create or replace macro text_key(value) as
    regexp_replace(
        translate(
            translate(nfc_normalize(value), '！＂＃＄％＆（）＊＋，－．／０１２３４５６７８９：＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　 ', '!"#$%&()*+,-./0123456789:<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~  '),
            '[]{}【】〔〕〖〗', '()()()()()'),
        '\s+', '', 'g');

-- An enterprise's name match key, the same rule as the readers' EnterpriseNames.matchKey: text_key, then
-- 有限责任公司 written as 有限公司, so “四川 某某有限责任公司（二厂）” and “四川某某有限公司(二厂)” meet.
create or replace macro enterprise_name_key(enterprise_name) as
    replace(text_key(enterprise_name), '有限责任公司', '有限公司');

-- GB 32100-2015: 18 characters of 0-9 and the capitals without I O S V Z; the 18th is the check character of the
-- first 17 (weights 3^i mod 31, check = (31 - sum mod 31) mod 31).
create or replace macro uscc_is_valid(code) as
    coalesce(
        regexp_full_match(code, '[0-9A-HJ-NPQRTUWXY]{18}')
        and (31 - list_sum(list_transform(range(17), lambda i:
                (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[i + 1]) - 1)
                * [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28][i + 1])) % 31) % 31
            = strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[18]) - 1,
        false);

-- The lookups the list staging views (stg_lists__*) join back to their rows, each computed once per distinct value
-- of the raw table named (raw_hazard_ledger, raw_inspection_record, raw_enterprise_directory): a ledger repeats an
-- enterprise on every hazard row, and enterprise_name_key per row cost most of a model build over a million rows.
-- A table macro's body is bound where it is called, so these may name staging views created after them.
create or replace macro list_name_keys(raw_table) as table
    select enterprise_name, enterprise_name_key(enterprise_name) as name_key
    from (select distinct enterprise_name from query_table(raw_table));

create or replace macro list_uscc_checks(raw_table) as table
    select uscc, uscc_is_valid(uscc) as is_uscc_valid
    from (select distinct uscc from query_table(raw_table));

-- 所属乡镇（街道） text → region, by the written forms of stg_reference__region_names.
create or replace macro list_township_regions(raw_table) as table
    select townships.township, region_names.region_code
    from (select distinct township from query_table(raw_table)) as townships
    inner join stg_reference__region_names as region_names
        on region_names.name_key = text_key(townships.township);

-- 行业类别 text → industry, by the written forms of stg_reference__industry_names.
create or replace macro list_industry_codes(raw_table) as table
    select industries.industry, industry_names.industry_code
    from (select distinct industry from query_table(raw_table)) as industries
    inner join stg_reference__industry_names as industry_names
        on industry_names.name_key = text_key(industries.industry);
