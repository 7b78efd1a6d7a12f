"""`make bench`: a seeded scale data generator and benchmarks that print ratios against plain baselines.

See docs/performance.md. `registry` holds scales, generators and benchmarks; `modules/` registers them;
`generate` fills a database; `run` measures and writes `results/latest.json`.
"""
