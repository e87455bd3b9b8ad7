"""The demo province is built by these steps, in this order; each names a module with build(ctx)."""

STEPS = [
    "ansinh.registry.demo",  # areas, households, people, employers, employment histories
    "ansinh.demo.accounts",  # staff, employer, citizen and machine-client log-ins
    "ansinh.contributions.demo",
    "ansinh.benefits.demo",
    "ansinh.health.demo",
    "ansinh.health.demo.gateway",  # the hospitals' e-gateway account, receptionists and former cards
    "ansinh.procedures.demo",
    "ansinh.feedback.demo",  # questions, complaints and ratings for the dashboard
    "ansinh.linkage.demo",
    "ansinh.assistant.demo",
    "ansinh.insights.demo",
    "ansinh.outreach.demo",  # agents, labour-use reports, the prospects and a small campaign
]
