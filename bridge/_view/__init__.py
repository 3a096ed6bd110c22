"""The view: `.swan` templates parsed, rendered from page data, and queried by tests."""
