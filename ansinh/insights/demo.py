"""Demo data for the insights app (see ansinh/demo/context.py for what ctx holds)."""


def build(ctx) -> None:
    ctx.log("insights: no demo data yet")
