"""Shared fixtures for every app's tests live in ansinh/testing/fixtures.py."""
pytest_plugins = ["ansinh.testing.fixtures"]
