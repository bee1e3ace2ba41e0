"""python -m conflictkg: the command line."""
from conflictkg.cli import main

main()
