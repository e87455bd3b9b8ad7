"""Connections to the national services: the National Public Service Portal (dossier and step sync through
an outbox, the procedure catalogue, forwarded dossiers), its single sign-on, the national payment platform
and VNPost. Each outside protocol has its own module; the wire shapes are pure functions in `protocol.py`."""
