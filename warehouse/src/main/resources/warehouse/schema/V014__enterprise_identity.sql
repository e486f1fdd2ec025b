-- An enterprise's identity (企业标识) as every mart derives it, the one home of the rule: a USCC that passes its
-- check character; else the one valid USCC written elsewhere beside the same name key (int_enterprise_name_usccs,
-- joined on the name key); else the name key; NULL when the row names no enterprise.
create or replace macro enterprise_key_of(is_uscc_valid, uscc, name_key, name_uscc) as
    case when is_uscc_valid then uscc else coalesce(name_uscc, nullif(name_key, '')) end;

-- The valid USCC an enterprise row stands for: its own, else its name key's one; NULL when neither.
create or replace macro enterprise_uscc_of(is_uscc_valid, uscc, name_uscc) as
    case when is_uscc_valid then uscc else name_uscc end;
