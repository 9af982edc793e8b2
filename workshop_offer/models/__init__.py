from . import repair_offer_condition
from . import repair_offer
from . import repair_offer_line
from . import repair_order
from . import res_company
from . import res_config_settings
from . import res_partner
from . import stock_move
