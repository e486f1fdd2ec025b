-- The server accepted the message ('sent', with its reply) or the .eml was written ('written').
update mail_sent set state = ?, sent_at = ?, server_reply = ?, eml_path = ?
where event_key = ?
