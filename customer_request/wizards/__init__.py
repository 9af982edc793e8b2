from . import customer_request_close_wizard
