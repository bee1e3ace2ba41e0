"""python -m conflictkg: the command line."""
from .cli import main

main()
