from . import test_repair_offer
from . import test_repair_offer_portal
