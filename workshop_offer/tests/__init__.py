from . import test_repair_offer
from . import test_repair_offer_integrity
from . import test_repair_offer_portal
from . import test_res_partner
from . import test_repair_offer_binding
