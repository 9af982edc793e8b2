from . import channel
from . import fiscal_code
from . import greeting
from . import sms_gateway
