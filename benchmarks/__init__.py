"""govnlp's benchmarks: throughput, scaling, memory and accuracy, side by side with peers.

Run ``python -m benchmarks [FOLDER] [--quick] [--out docs/benchmarks.md]``; see
``benchmarks/__main__.py`` and ``docs/benchmarks.md``. Every govnlp capability and every peer
tool is looked up at run time: what is not installed is reported as "not available".
"""
