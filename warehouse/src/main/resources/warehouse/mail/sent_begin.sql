-- An event about to be mailed, with the Message-ID chosen before sending; an event already there is left alone.
insert into mail_sent (event_key, recipient, subject, message_id, state, attempted_at)
values (?, ?, ?, ?, 'sending', ?)
on conflict (event_key) do nothing
