"""Background analyses: the job, the process pool it runs pages in, and the two queues.

* ``tasks``: ``run_analysis`` (the job itself, shared by both queues);
* ``page_worker``: what a pool child does with one page;
* ``pool``: the engine process pool;
* ``queue``: ``ArqQueue`` (Valkey, `a11y worker`) and ``LocalQueue`` (inside `a11y serve`);
* ``worker``: arq's ``WorkerSettings`` and crash recovery;
* ``health``, ``lifespan``: wiring into the API (health checks, ``app.state.job_queue``).
"""
