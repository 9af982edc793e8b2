from . import customer_request
from . import customer_request_document
