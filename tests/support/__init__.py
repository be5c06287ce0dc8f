"""Helpers the tests share (and the benchmarks use): a server of its own, the synthetic corpus."""
