from . import repair_offer
from . import repair_offer_line
from . import repair_order
