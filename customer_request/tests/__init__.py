from . import test_customer_request
from . import test_customer_request_documents
from . import test_customer_request_ui
