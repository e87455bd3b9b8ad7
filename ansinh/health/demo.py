"""Demo data for the health app (see ansinh/demo/context.py for what ctx holds)."""


def build(ctx) -> None:
    ctx.log("health: no demo data yet")
