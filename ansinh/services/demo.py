"""Demo data for the services app (see ansinh/demo/context.py for what ctx holds)."""


def build(ctx) -> None:
    ctx.log("services: no demo data yet")
