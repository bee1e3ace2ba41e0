"""`conflictkg serve`: the SPARQL 1.1 Protocol endpoint over a pool of query worker processes."""
