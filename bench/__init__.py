"""Benchmarks: each module has a main(); ``python -m bench [NAME...]`` runs them."""
