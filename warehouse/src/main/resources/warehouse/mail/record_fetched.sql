-- One fetched message (MailIn): its attachments are saved; ? 7 is the saved paths, one per line.
insert into mail_fetched (message_id, mailbox, sender, submitter_code, subject, received_at, saved_files, fetched_at)
values (?, ?, ?, ?, ?, ?, coalesce(list_filter(string_split(?, chr(10)), lambda f: f <> ''), []::varchar[]), ?)
on conflict (message_id) do nothing
