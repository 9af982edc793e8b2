# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The channel of a communication with a customer: one name (``channel``,
``preferred_channel`` for the customer's choice) and one list of values for
the three addons.

A contact point's ``kind`` (mobile, phone, fax, e-mail, website) is another
concept: the kind of an address, some of which a channel can use."""

EMAIL = "email"
SMS = "sms"
NOTE = "note"
NONE = "none"

# what can be sent to a customer
SEND_CHANNELS = [(EMAIL, "E-mail"), (SMS, "SMS")]
# what can be written in a customer's history: the internal note is saved,
# never sent
CHANNELS = [*SEND_CHANNELS, (NOTE, "Note")]
# the channel a customer prefers (only suggested, it never blocks another)
PREFERRED_CHANNELS = [*SEND_CHANNELS, (NONE, "None")]

# the channel that writes to a contact point of each kind
CHANNEL_OF_KIND = {"email": EMAIL, "mobile": SMS}
