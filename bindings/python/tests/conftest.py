import os
import sys

# The package is used from the source tree, no install step.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
