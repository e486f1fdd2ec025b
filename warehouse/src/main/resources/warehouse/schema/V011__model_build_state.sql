-- What the marts were last built from (ModelBuild): the fingerprint of the models, schema and reference data, and
-- every audit_file row as it stood then, so the next build brings up to date only what the intakes since changed.
create table if not exists model_build_state (
    fingerprint varchar not null,
    built_at timestamp not null
);

create table if not exists model_build_file (
    sha256 varchar not null,
    path varchar not null,
    row_hash ubigint not null,           -- hash of the whole audit_file row: a status change is a change
    list_kind varchar,
    submitter_key varchar not null       -- submitter_code, '' for none
);
