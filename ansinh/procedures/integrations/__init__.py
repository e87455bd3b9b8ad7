"""Clients of the national services that the workflow calls: the National Public Service Portal (dossier and step
sync through an outbox, the procedure catalogue), its single sign-on and the national payment platform. Each
outside protocol has its own module; the wire shapes are pure functions in `protocol.py`. What those services and
VNPost send back to drive a dossier is in `ansinh.procedures.inbound`."""
