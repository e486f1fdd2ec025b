-- The record of one event, if any.
select state, message_id, recipient, sent_at, server_reply, eml_path from mail_sent where event_key = ?
