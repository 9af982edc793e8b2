from . import test_contact_point
from . import test_customer_card
from . import test_customer_comm_ui
from . import test_partner_address
from . import test_partner_anonymise
from . import test_partner_identity
from . import test_partner_import
from . import test_privacy_consent
