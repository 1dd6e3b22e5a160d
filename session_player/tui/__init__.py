"""The terminal front end (Textual). ``make_app`` in ``app`` builds it for the CLI and the tests."""
