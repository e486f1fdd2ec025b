-- The server refused the message (or the operator asked to resend one left 'sending'): the next run sends it.
delete from mail_sent where event_key = ? and state = 'sending'
