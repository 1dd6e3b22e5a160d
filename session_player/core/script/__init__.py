"""Session scripts: the model, its keys, the checker, the loader and where errors point."""
