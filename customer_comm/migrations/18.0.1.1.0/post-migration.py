# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A communication's state now comes from its own notification: link the
e-mails and SMS logged before to the notification of their message (the
customer's, else the one sent to the recorded number)."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE customer_comm_log log
           SET notification_id = notification.id
          FROM mail_notification notification
         WHERE log.notification_id IS NULL
           AND log.channel IN ('email', 'sms')
           AND notification.mail_message_id = log.message_id
           AND notification.notification_type = log.channel
           AND notification.res_partner_id = log.partner_id
        """
    )
    cr.execute(
        """
        UPDATE customer_comm_log log
           SET notification_id = notification.id
          FROM mail_notification notification
         WHERE log.notification_id IS NULL
           AND log.channel = 'sms'
           AND notification.mail_message_id = log.message_id
           AND notification.notification_type = 'sms'
           AND notification.sms_number = log.recipient
        """
    )
