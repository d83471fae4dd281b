"""The project's own benchmark: a synthetic catalog generator and a runner that times every step.

python -m benchmarks.run --sizes 100 1000 10000 [--json]
"""

__all__: list[str] = []
