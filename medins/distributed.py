"""The ingest on a Dask cluster: one task per document, the landing written here.

Each document is a Dask task that runs the same document task as the local pool
(``medins.task.read_document``) in a child process of the Dask worker, under the same
per-document memory limit (RLIMIT_AS) and killed at the same time limit, so a stuck or
oversized document comes back as the same ``too_slow``/``too_large`` rejection.  Workers
read the sources themselves (a shared path or any fsspec URL: ``s3://``, ``gs://``,
``file://``) and send back rows; this process lands them (``landing/``, itself a
folder or an fsspec URL), so a cluster run and a local run land the same bytes.

Why Dask rather than Ray: ``distributed`` is pure Python (2.5 MB of wheels against
Ray's 79 MB binary wheel for CPython 3.11), already depends on fsspec, starts as plain
processes (``dask scheduler`` / ``dask worker``) that CI can run on one machine, and is run
where public-sector research groups already compute (HPC batch systems via dask-jobqueue,
Kubernetes via dask-kubernetes, SSH).  Neither engine has a per-task memory or time limit
(Dask limits memory per worker, Ray kills tasks under node pressure), so the limits live
in our own child process either way; Ray's shared-memory object store and raylet are
machinery this workload (independent tasks of ~50 kB results) does not need.

Workers must be allowed to start processes: run them with
``DASK_DISTRIBUTED__WORKER__DAEMON=False`` (Dask's nanny otherwise makes them daemonic).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from pebble import ProcessPool

from ingest.limits import Limits
from ingest.version import parser_version
from landing import Landing
from medins.batch import BatchReport, Progress, Runner, ingest
from medins.task import Result, Source, apply_memory_limit, read_document, settle

WORKER_SETUP = "DASK_DISTRIBUTED__WORKER__DAEMON=False"
_POOLS: dict[int, ProcessPool] = {}
_POOLS_LOCK = threading.Lock()


class ClusterNotReady(Exception):
    """The cluster cannot run the ingest as this machine would (says why and what to do)."""


def _pool(memory_mb: int) -> ProcessPool:
    """This worker's limited reader processes, one per worker thread, kept between tasks."""
    with _POOLS_LOCK:
        pool = _POOLS.get(memory_mb)
        if pool is None or not pool.active:
            from distributed import get_worker

            pool = ProcessPool(
                max_workers=get_worker().state.nthreads,
                initializer=apply_memory_limit,
                initargs=(memory_mb * 1024 * 1024,),
                context=multiprocessing.get_context("spawn"),
            )
            _POOLS[memory_mb] = pool
        return pool


def read_limited(source: Source, limits: Limits) -> Result:
    """The Dask task: one document in a limited child process of this worker."""
    future = _pool(limits.memory_mb).schedule(
        read_document, args=(source, limits), timeout=limits.seconds
    )
    return settle(future, source, limits)


def _worker_facts() -> dict[str, object]:
    return {
        "parser_version": parser_version(),
        "daemon": multiprocessing.current_process().daemon,
        "pid": os.getpid(),
    }


def check_cluster(client: object) -> int:
    """Refuse a cluster whose workers would land other rows than this machine, or could
    not hold the per-document limits; returns the number of workers."""
    facts: dict[str, dict[str, object]] = client.run(_worker_facts)  # type: ignore[attr-defined]
    if not facts:
        raise ClusterNotReady("the cluster has no workers")
    ours = parser_version()
    for address, worker in sorted(facts.items()):
        if worker["daemon"]:
            raise ClusterNotReady(
                f"worker {address} is a daemonic process and cannot start the limited "
                f"process each document runs in; start the workers with {WORKER_SETUP}"
            )
        if worker["parser_version"] != ours:
            raise ClusterNotReady(
                f"worker {address} runs parser version {worker['parser_version']}, this "
                f"machine {ours}: install the same version of the package on every worker"
            )
    return len(facts)


def cluster_runner(scheduler: str, wait_seconds: float = 60) -> Runner:
    """Document tasks on the Dask cluster whose scheduler listens at ``scheduler``."""

    def run(todo: list[Source], limits: Limits) -> Iterator[Result]:
        if not todo:
            return
        from distributed import Client, as_completed

        with Client(scheduler, timeout=wait_seconds) as client:  # type: ignore[no-untyped-call]
            client.wait_for_workers(1, timeout=wait_seconds)
            check_cluster(client)
            # retries: a worker lost to the cluster (not to a document) runs the task again
            futures = client.map(read_limited, todo, limits=limits, pure=False, retries=1)
            for future in as_completed(futures):  # type: ignore[no-untyped-call]
                result: Result = future.result()
                future.release()  # the worker may forget the rows
                yield result

    return run


def ingest_on_cluster(
    sources: Path | str,
    landing: str | Path,
    scheduler: str,
    *,
    limits: Limits | None = None,
    on_progress: Progress | None = None,
) -> BatchReport:
    """``medins.batch.ingest_folder`` with the documents read on a Dask cluster: sources
    and landing are paths every worker (sources) and this machine (landing) can reach,
    or fsspec URLs."""
    return ingest(
        sources, Landing(landing), cluster_runner(scheduler), limits or Limits(), on_progress
    )
