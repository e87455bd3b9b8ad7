"""ISO 20022 XML: parsed safely, recognised by namespace, validated against the shipped schemas."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from django.utils.translation import gettext as _
from lxml import etree

from ansinh.core.errors import DomainError, FieldError

XSD_DIR = Path(__file__).resolve().parent / "xsd"
_NAMESPACE = re.compile(r"^urn:iso:std:iso:20022:tech:xsd:([a-z]{4}\.\d{3})\.(\d{3}\.\d{2})$")
MAX_SCHEMA_ERRORS = 10


def parse(content: bytes) -> etree._Element:
    """The root element; no DTD, no entities, no network: a bank file is data, never instructions."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True
    )
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        raise DomainError(
            [
                FieldError(
                    "file",
                    _("Not well-formed XML (line %(line)s): %(msg)s") % {"line": exc.lineno, "msg": exc.msg},
                    "bad_xml",
                    location="file",
                )
            ]
        ) from None
    if root.getroottree().docinfo.doctype:
        raise DomainError.one(
            "file",
            _("A document type declaration (DOCTYPE) is not allowed in a bank file."),
            "bad_xml",
            location="file",
        )
    return root


def message_name(root: etree._Element) -> str:
    """'camt.053.001.08' from the document's namespace, or '' when it is not an ISO 20022 message."""
    match = _NAMESPACE.match(etree.QName(root).namespace or "")
    return f"{match.group(1)}.{match.group(2)}" if match else ""


def namespace(name: str) -> str:
    return f"urn:iso:std:iso:20022:tech:xsd:{name}"


def shipped(name: str) -> bool:
    return (XSD_DIR / f"{name}.xsd").exists()


@functools.cache
def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD_DIR / f"{name}.xsd")))


def validate(root: etree._Element, name: str) -> None:
    """DomainError with the schema's first complaints (line and message) unless the document is valid."""
    checker = schema(name)
    try:
        if checker.validate(root):
            return
    except etree.XMLSchemaValidateError:
        raise DomainError.one(
            "file",
            _("The file cannot be checked against the %(name)s schema.") % {"name": name},
            "schema",
            location="file",
        ) from None
    errors = [
        FieldError(
            "file",
            _("Line %(line)s: %(msg)s") % {"line": e.line, "msg": e.message},
            "schema",
            location="file",
            row=e.line,
        )
        for e in list(checker.error_log)[:MAX_SCHEMA_ERRORS]
    ]
    raise DomainError(
        [
            FieldError(
                "file", _("The file does not match the %(name)s schema.") % {"name": name}, "schema", location="file"
            ),
            *errors,
        ]
    )


class Reader:
    """Short paths in one namespace: `r.text(node, "Amt")`, `r.all(node, "NtryDtls/TxDtls")`."""

    def __init__(self, ns: str):
        self.ns = ns

    def _path(self, path: str) -> str:
        return "/".join(f"{{{self.ns}}}{step}" for step in path.split("/"))

    def first(self, node, path: str):
        return node.find(self._path(path))

    def all(self, node, path: str) -> list:
        return node.findall(self._path(path))

    def text(self, node, path: str, default: str = "") -> str:
        found = node.find(self._path(path))
        return (found.text or "").strip() if found is not None else default

    def texts(self, node, path: str) -> list[str]:
        return [(n.text or "").strip() for n in node.findall(self._path(path)) if (n.text or "").strip()]
