"""Shared fixtures for every app's tests live in ansinh/testing/fixtures.py."""

from hypothesis import HealthCheck, settings

pytest_plugins = ["ansinh.testing.fixtures"]

# Property tests judge correctness, never speed: a busy CI machine must not fail them for slow data generation
# or a slow example (house rule: tests assert correctness, never timings).
settings.register_profile("ansinh", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ansinh")
