"""Benchmarks of the package; run them by hand, they are not part of the test suite."""
