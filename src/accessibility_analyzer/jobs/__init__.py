"""Background analyses: the job, the process pool it runs pages in, and the two queues.

* ``tasks``: ``run_analysis`` (the job itself, shared by both queues);
* ``page_worker``: what a pool child does with one page;
* ``pool``: the engine process pool; ``orphan_guard``: its processes die with their owner;
* ``queue``: ``ArqQueue`` (Valkey, `a11y worker`) and ``LocalQueue`` (inside `a11y serve`);
* ``reconciler``: queues again (or fails) analyses whose job was lost, adopts in-process
  analyses whose server died;
* ``worker``, ``worker_cron``: arq's ``WorkerSettings``, crash recovery, cron jobs;
  ``resilient_worker``: runs it across Valkey outages; ``heartbeat``: is a worker alive;
* ``health``, ``lifespan``: wiring into the API (health checks, ``app.state.job_queue``).
"""
