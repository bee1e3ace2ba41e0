"""Core: namespaces, errors, dates, Arabic text, places' points, YAML with lines, and where resources live.
Imports nothing else of conflictkg."""
