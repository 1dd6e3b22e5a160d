"""The domain: scripts, timelines, the session engine and the log. Never imports Textual."""
