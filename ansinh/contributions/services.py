"""The public use cases of contributions (other apps call these; see brief/contracts.md)."""
from ansinh.contributions.quoting import quote  # noqa: F401
