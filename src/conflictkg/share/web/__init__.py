"""The web view: a route table, views and templates over data read once from the store."""
