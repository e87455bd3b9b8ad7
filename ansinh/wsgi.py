import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")
application = get_wsgi_application()

# Import every view module (the URL configuration) when the worker starts, not in its first visitor's request:
# otherwise whoever comes first, anonymous or not, pays about 1.5 s of CPU for the imports.
get_resolver().url_patterns  # noqa: B018  (evaluated for its side effect)

# The assistant's embedding engine is built when the worker starts, on a thread of its own (see load_in_background).
from ansinh.assistant.embeddings import load_in_background  # noqa: E402  (needs the application set up)

load_in_background()
