from . import base_import_import
from . import customer_contact_point
from . import res_city_zip
from . import res_company
from . import res_partner
from . import res_partner_interest_group
