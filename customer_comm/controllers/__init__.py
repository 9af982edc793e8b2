from . import portal
from . import sms_twilio
