from . import customer_request
