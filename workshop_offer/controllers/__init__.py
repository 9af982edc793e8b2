from . import approval
from . import portal
