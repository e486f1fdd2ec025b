-- Events a killed run left 'sending': whether the server took them cannot be known, so they are not sent again.
select event_key, recipient, message_id, attempted_at from mail_sent where state = 'sending' order by attempted_at
