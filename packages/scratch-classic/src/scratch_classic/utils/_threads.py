"""How many threads a loop over row chunks may use, and running such a loop on them.

scikit-learn's k-means runs its chunks on OpenMP threads, as many as the OpenMP limit allows
(`omp_get_max_threads()`, which `threadpoolctl.threadpool_limits` lowers), never more than the
CPUs, while holding BLAS to one thread inside them. We have no OpenMP: our threads are Python
threads whose work is NumPy calls that release the GIL (BLAS `@`, large ufuncs, argmin), so two
threads really do run two chunks at once. Their number is read the same way:

    effective_n_threads() = min(limit of every BLAS and OpenMP pool loaded, usable CPUs)

BLAS counts too because our threads take over from BLAS's own: `threadpool_limits(1)` (or 1 for
BLAS alone) makes us single-threaded, and `threadpool_limits(2)` gives us and scikit-learn two.

`map_in_threads(process_run, items, n_threads)` cuts the items (row chunks) into n_threads
contiguous runs: the calling thread works through the first run, pool threads the others, each
with its own scratch buffers, and the per-item results come back in item order, so a caller that
adds them up in that order gets bit for bit what the sequential loop gets. While the runs go,
BLAS is held to one thread, as scikit-learn does, so n threads do not each start n BLAS threads
(oversubscription).
"""

import functools
import numbers
import os
from concurrent.futures import ThreadPoolExecutor, wait

from threadpoolctl import ThreadpoolController


@functools.cache
def _thread_pools():
    """The BLAS and OpenMP libraries loaded in this process (found once: a scan takes ~ms).

    subtle: a library loaded after the first call is not seen; NumPy's BLAS, the one under our
    `@`, is always loaded by then.
    """
    return ThreadpoolController()


@functools.cache
def _worker_pool(n_workers):
    """A pool of n_workers threads, kept for the next call (starting one costs ~0.3 ms)."""
    return ThreadPoolExecutor(max_workers=n_workers, thread_name_prefix="scratch_classic")


# subtle: a child made by os.fork inherits the pools but not their threads; a task sent to such
# a pool would wait forever, so the child starts afresh
if hasattr(os, "register_at_fork"):  # not on Windows, which has no fork
    os.register_at_fork(after_in_child=_worker_pool.cache_clear)


def usable_cpu_count():
    """The CPUs this process may run on (its affinity mask where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def effective_n_threads(n_threads=None):
    """The thread count to use, as scikit-learn's `_openmp_effective_n_threads`.

    None: the lowest limit among the loaded BLAS and OpenMP pools, at most the usable CPUs (all
    usable CPUs when no pool is found, as BLAS itself would use). A positive int is taken as is;
    a negative one counts back from the CPUs (-1: all of them, -2: all but one), at least 1.

        with threadpool_limits(1): effective_n_threads() -> 1
    """
    if n_threads is not None:
        if not isinstance(n_threads, numbers.Integral) or isinstance(n_threads, bool):
            raise TypeError(f"n_threads must be an int or None, got {n_threads!r}.")
        if n_threads == 0:
            raise ValueError("n_threads=0 is invalid: use a positive count or -1 for all CPUs.")
        return int(n_threads) if n_threads > 0 else max(usable_cpu_count() + 1 + n_threads, 1)
    cpus = usable_cpu_count()
    limits = [
        library.num_threads
        for library in _thread_pools().lib_controllers
        if library.user_api in ("blas", "openmp")
    ]
    return max(1, min(limits + [cpus]))


def blas_limited_to_one_thread():
    """A context in which every loaded BLAS runs single-threaded (threadpoolctl's limit)."""
    return _thread_pools().limit(limits=1, user_api="blas")


def split_into_runs(items, n_runs):
    """items cut into n_runs contiguous runs whose lengths differ by at most one.

    split_into_runs([1, 2, 3, 4, 5], 2) -> [[1, 2, 3], [4, 5]]
    """
    base, extra = divmod(len(items), n_runs)
    ends = [(run + 1) * base + min(run + 1, extra) for run in range(n_runs)]
    return [items[start:end] for start, end in zip([0] + ends[:-1], ends)]


def map_in_threads(process_run, items, n_threads):
    """process_run over contiguous runs of items, one run per thread; the results in item order.

    process_run(run) takes a list of items and returns a list of results, one per item (it can
    set up scratch space once per run). With one thread (or one item) it is process_run(items).
    The runs must not depend on one another (each writes its own rows, say).
    subtle: inside the runs BLAS is limited to one thread, so a run that asks for
    effective_n_threads() gets 1 and stays sequential: no nested pools, no deadlock.

        map_in_threads(lambda run: [abs(x) for x in run], [-1, -2, -3], 2) -> [1, 2, 3]
    """
    if not isinstance(n_threads, numbers.Integral) or isinstance(n_threads, bool):
        raise TypeError(f"n_threads must be an int, got {n_threads!r}.")
    if n_threads < 1:
        raise ValueError(f"n_threads must be >= 1, got {n_threads}.")
    items = list(items)
    n_runs = min(n_threads, len(items))
    if n_runs <= 1:
        return list(process_run(items))
    first_run, *other_runs = split_into_runs(items, n_runs)
    with blas_limited_to_one_thread():
        futures = [_worker_pool(n_runs - 1).submit(process_run, run) for run in other_runs]
        try:
            results = list(process_run(first_run))  # the calling thread takes the first run
        finally:
            wait(futures)  # never leave while pool threads still write into shared arrays
        for future in futures:
            results.extend(future.result())
    return results
