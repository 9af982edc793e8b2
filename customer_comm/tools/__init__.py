from . import greeting
from . import sms_gateway
