from . import repair_offer_send_recipient
from . import repair_offer_send
from . import repair_offer_change
from . import repair_offer_answer
