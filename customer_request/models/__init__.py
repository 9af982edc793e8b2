from . import customer_request
from . import customer_request_document_mixin
from . import helpdesk_ticket
from . import sale_order
from . import calendar_event
from . import res_partner
from . import mail_mail
