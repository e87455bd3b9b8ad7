from ansinh.core import audit


class RequestContextMiddleware:
    """Makes the user and address of the request being served the actor of any audited change."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = audit._current.set(audit.actor_from_request(request))
        try:
            return self.get_response(request)
        finally:
            audit._current.reset(token)
