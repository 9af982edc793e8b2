from . import test_customer_request
from . import test_customer_request_documents
from . import test_customer_request_stages
from . import test_customer_request_ui
from . import test_mail_intake
from . import test_portal
from . import test_res_partner
from . import test_contact
