"""Asking the graph: tables of events and entities, statistics, NetworkX analysis, figures and reports."""
