"""Demo data for the assistant app (see ansinh/demo/context.py for what ctx holds)."""


def build(ctx) -> None:
    ctx.log("assistant: no demo data yet")
