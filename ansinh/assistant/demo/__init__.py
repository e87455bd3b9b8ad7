"""Demo data for the assistant: the shipped passages and a built index, so the first question is quick."""

import time

from ansinh.assistant import services


def build(ctx) -> None:
    started = time.perf_counter()
    created, _updated = services.load_seed()
    built = services.rebuild_index()
    ctx.log(
        f"assistant: {len(built.passages)} passages ({created} new), index built in "
        f"{time.perf_counter() - started:.1f} s"
    )
