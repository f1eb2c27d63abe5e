# The catalogue item factory, for the 待办 queue tests (agencies/queues.py is filled by catalog/queues.py too).
from catalog.fixtures import make_item  # noqa: F401
