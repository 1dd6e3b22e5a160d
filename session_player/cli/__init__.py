"""The command line: every command, plain mode, and the terminal's output. Errors end here."""
