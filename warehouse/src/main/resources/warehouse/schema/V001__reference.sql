-- Reference data as loaded from --reference DIR (CONTRACT.md), replaced whole on every load.
-- Idempotent DDL: safe to run on every start.

create table if not exists ref_region (
    code varchar primary key,
    name varchar not null,
    level varchar not null,          -- province | city | county | township | street | park | village
    parent_code varchar              -- null for the deployment's own region (the top), of any level
);

create table if not exists ref_industry (
    code varchar primary key,
    name varchar not null,
    aliases varchar[] not null
);

create table if not exists ref_submitter (
    code varchar primary key,
    name varchar not null,
    kind varchar not null,           -- department | township
    region_code varchar not null,
    aliases varchar[] not null,
    liaison varchar,
    phone varchar
);

create table if not exists ref_campaign (
    code varchar primary key,
    name varchar not null,
    first_month date not null,
    last_month date not null,
    cutoff_day integer not null,
    title_keywords varchar[] not null,
    form varchar not null,
    holiday_shift varchar not null   -- earlier | later
);

-- The holiday calendar in effect: holidays.csv for every year it has a row in, the bundled State Council
-- notices (OfficialHolidays) for the other years.
create table if not exists ref_holiday (
    date date primary key,
    kind varchar not null            -- holiday | workday (调休 make-up working day)
);
