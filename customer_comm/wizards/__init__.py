from . import customer_comm_composer
from . import customer_comm_campaign
from . import customer_comm_anonymise
