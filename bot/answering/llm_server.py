"""Run the local xllamacpp server in a child process: `python -m bot.answering.llm_server GGUF PORT THREADS CTX`.

llama.cpp writes its log (`srv init`, `load_model`, `slot launch_slot_` …) to file descriptor 2 from C,
for as long as the server runs. In the parent process that is the user's terminal; in this child it
is DATA_DIR/logs/llm.log (the parent opens it as our stderr). The child stops when its stdin closes,
i.e. when the parent exits for whatever reason, so no server outlives the command that started it.
"""

from __future__ import annotations

import sys


def serve(gguf: str, port: int, threads: int, ctx: int) -> None:
    import xllamacpp
    p = xllamacpp.CommonParams()
    p.model.path = gguf
    p.hostnames = ["127.0.0.1"]           # loopback only: the server has no authentication
    p.port = port
    p.cpuparams.n_threads = threads
    p.cpuparams_batch.n_threads = threads
    p.n_ctx = ctx
    p.n_parallel = 1                      # one slot: slots add no throughput on 2 cores, and one slot
    p.cache_prompt = True                 # keeps the last prompt's KV cache: the fixed system prompt
    server = xllamacpp.Server(p)          # and a conversation's earlier turns are not computed again
    print("ready", flush=True)
    sys.stdin.read()                      # blocks until the parent closes the pipe (or dies)
    del server


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
