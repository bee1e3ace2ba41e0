"""SHACL validation compiled to SPARQL on pyoxigraph: a fast, exact replacement for pyshacl on our shapes.

shapes.py reads the shapes graph into plain objects (and refuses what it cannot check), paths.py writes
SHACL paths as SPARQL paths, exprs.py writes nested shapes as SPARQL conditions, compile.py turns every
constraint into one query, refine.py re-checks query candidates in Python where pyshacl's rules are not
SPARQL's, and engine.py runs it all. See docs/fastshacl.md.
"""
from .compile import Compiled, compile_graph, compile_shapes
from .engine import validate, with_ontology
from .shapes import Unsupported

__all__ = ["Compiled", "Unsupported", "compile_graph", "compile_shapes", "validate", "with_ontology"]
