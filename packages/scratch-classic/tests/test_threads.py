"""scratch_classic.utils._threads (KMeans' threads): the thread count (as scikit-learn's _openmp_effective_n_threads reads it)
and map_in_threads, whose results must come back in item order whatever the thread count."""

import numpy as np
import pytest
from scratch_classic.utils._threads import effective_n_threads, map_in_threads, split_into_runs, usable_cpu_count
from threadpoolctl import threadpool_limits


def test_split_into_runs_worked_example_and_balance():
    assert split_into_runs([1, 2, 3, 4, 5], 2) == [[1, 2, 3], [4, 5]]
    runs = split_into_runs(list(range(10)), 3)
    assert [len(run) for run in runs] == [4, 3, 3] and sum(runs, []) == list(range(10))


def test_effective_n_threads_follows_the_blas_limit_and_counts():
    with threadpool_limits(limits=1):
        assert effective_n_threads() == 1
    assert 1 <= effective_n_threads() <= usable_cpu_count()
    assert effective_n_threads(3) == 3
    assert effective_n_threads(-1) == usable_cpu_count()
    assert effective_n_threads(-10_000) == 1


@pytest.mark.parametrize("bad, error", [(0, ValueError), (1.5, TypeError), (True, TypeError)])
def test_effective_n_threads_rejects_bad_counts(bad, error):
    with pytest.raises(error, match="n_threads"):
        effective_n_threads(bad)


@pytest.mark.parametrize("n_threads", [1, 2, 3, 8])
def test_map_in_threads_returns_results_in_item_order(n_threads):
    runs = []

    def negate_run(run):
        runs.append(list(run))
        return [-item for item in run]

    assert map_in_threads(negate_run, range(7), n_threads) == [-i for i in range(7)]
    assert sorted(runs) == split_into_runs(list(range(7)), min(n_threads, 7))  # contiguous runs


def test_map_in_threads_writes_of_numpy_runs_equal_the_sequential_loop():
    rng = np.random.default_rng(0)
    blocks = [rng.standard_normal(50_000) for _ in range(6)]

    def run(blocks_run):
        return [float(np.sqrt(block * block + 1.0).sum()) for block in blocks_run]

    assert map_in_threads(run, blocks, 2) == run(blocks)  # bit for bit


def test_map_in_threads_raises_a_pool_threads_error_after_all_runs_end():
    def failing(run):
        if 3 in run:
            raise RuntimeError("item 3 failed")
        return run

    with pytest.raises(RuntimeError, match="item 3 failed"):
        map_in_threads(failing, [0, 1, 2, 3], 2)
    with pytest.raises(ValueError, match=">= 1"):
        map_in_threads(failing, [0], 0)
