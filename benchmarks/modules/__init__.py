"""One module per app: each registers its generator and its benchmarks with `benchmarks.registry`."""
