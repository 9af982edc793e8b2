from . import test_contact_point
from . import test_customer_comm_ui
from . import test_sms_gateway
from . import test_composer
from . import test_campaign
from . import test_partner_address
from . import test_partner_identity
from . import test_partner_import
