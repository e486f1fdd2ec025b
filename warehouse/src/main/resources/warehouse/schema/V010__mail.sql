-- Mail in and out (README "Mail (邮件收发)"). Idempotent DDL: safe to run on every start.

-- Every message mail-fetch took from the office's mailbox: recorded after its attachments are saved under paths
-- decided by the message alone, so a run killed in between saves the same files again, never a second copy.
create table if not exists mail_fetched (
    message_id varchar not null primary key,   -- the Message-ID header (or one made from the message when absent)
    mailbox varchar not null,                  -- imaps://user@host/INBOX, no password
    sender varchar,                            -- From address
    submitter_code varchar,                    -- the submitter whose email column names the sender, else null
    subject varchar,
    received_at timestamp,                     -- the message's Date, Asia/Shanghai wall-clock: the saved files' received time
    saved_files varchar[] not null,            -- paths relative to the inbox (empty: no spreadsheet attached)
    fetched_at timestamptz not null
);

-- Every message mail-send sent (or wrote as .eml in dry-run), one per event: the event key is unique, so no event is
-- mailed twice. A row is written as 'sending' with the Message-ID chosen before the SMTP conversation and becomes
-- 'sent' once the server accepted it; a row left 'sending' by a killed run is not sent again on its own (at most once).
create table if not exists mail_sent (
    event_key varchar not null primary key,    -- feedback:<sha256> | reminder:<campaign>:<period>:<submitter> | upward:<campaign>:<period>:<kind>:<table sha256>
    recipient varchar not null,                -- To addresses, comma separated
    subject varchar not null,
    message_id varchar not null,
    state varchar not null,                    -- sending | sent | written (dry-run .eml)
    attempted_at timestamptz not null,
    sent_at timestamptz,                       -- when the server accepted it (or the .eml was written)
    server_reply varchar,                      -- the SMTP server's last reply, e.g. 250 OK
    eml_path varchar                           -- dry-run: the .eml file, relative to the home
);
