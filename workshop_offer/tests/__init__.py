from . import test_repair_deferred_work
from . import test_repair_offer
from . import test_repair_offer_analysis
from . import test_repair_offer_approval
from . import test_repair_offer_integrity
from . import test_repair_offer_portal
from . import test_res_partner
from . import test_stock_lot
