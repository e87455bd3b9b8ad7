"""Demo data for the benefits app (see ansinh/demo/context.py for what ctx holds)."""


def build(ctx) -> None:
    ctx.log("benefits: no demo data yet")
