"""Demo data for the contributions app (see ansinh/demo/context.py for what ctx holds)."""


def build(ctx) -> None:
    ctx.log("contributions: no demo data yet")
