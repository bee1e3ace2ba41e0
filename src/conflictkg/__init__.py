"""conflictkg: a knowledge graph of actors, places and events of the Syrian conflict, from Arabic news.

Library entry points (the `conflictkg` command is a thin shell over these):

    from conflictkg.build import build          # seeds → validated store
    from conflictkg.validate import validate_path
    from conflictkg.export import export
    from conflictkg.store import Store
"""
__version__ = "0.1.0"
