"""Demo data for the linkage app (see ansinh/demo/context.py for what ctx holds)."""


def build(ctx) -> None:
    ctx.log("linkage: no demo data yet")
