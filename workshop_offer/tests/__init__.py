from . import test_repair_offer
from . import test_repair_offer_integrity
from . import test_repair_offer_portal
from . import test_repair_offer_media
from . import test_repair_offer_media_portal
from . import test_res_partner
