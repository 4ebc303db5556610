"""An editor in a running server's Wagtail admin, over plain HTTP (urllib and a cookie jar).

It signs in through the login form and posts the page edit form the way a browser would: every
control the server rendered, with the editor's changes and the chosen submit button. StreamFields
are the one part of that form a browser builds with JavaScript (from the state the server puts in
``data-w-block-arguments-value``); ``block_fields`` builds the same inputs from that state.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit
from urllib.request import HTTPCookieProcessor, Request, build_opener

from wagtail import blocks

Fields = list[tuple[str, str]]


class Form:
    """A form as the server rendered it: its attributes, successful controls and block states."""

    def __init__(self, attrs: dict[str, str]):
        self.attrs = attrs
        self.fields: Fields = []
        self.block_states: dict[str, Any] = {}

    def value(self, name: str) -> str | None:
        return next((v for n, v in self.fields if n == name), None)


class FormParser(HTMLParser):
    """Collects every form's controls as a browser would submit them (without submit buttons).

    Controls inside ``<template>`` (Wagtail's empty inline forms) are not part of the form.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._by_id: dict[str, Form] = {}
        self._current: Form | None = None
        self._templates = 0
        self._textarea: tuple[Form, str, list[str]] | None = None
        self._select: tuple[Form, str, list[str], list[str]] | None = None

    def _owner(self, attrs: dict[str, str]) -> Form | None:
        if attrs.get("form"):
            return self._by_id.get(attrs["form"])
        return self._current

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v if v is not None else "" for k, v in attrs_list}
        if tag == "template":
            self._templates += 1
        if self._templates:
            return
        if tag == "form":
            self._current = Form(attrs)
            self.forms.append(self._current)
            if attrs.get("id"):
                self._by_id[attrs["id"]] = self._current
            return
        owner = self._owner(attrs)
        if owner is None:
            return
        name = attrs.get("name", "")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            owner.fields.append((name, attrs.get("value", default)))
        elif tag == "textarea" and name:
            self._textarea = (owner, name, [])
        elif tag == "select" and name:
            self._select = (owner, name, [], [])
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            self._select[2].append(value)
            if "selected" in attrs:
                self._select[3].append(value)
        elif attrs.get("data-controller") == "w-block" and attrs.get("id"):
            state, _errors = json.loads(attrs["data-w-block-arguments-value"])
            owner.block_states[attrs["id"]] = state

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self._templates -= 1
        elif self._templates:
            return
        elif tag == "form":
            self._current = None
        elif tag == "textarea" and self._textarea is not None:
            owner, name, parts = self._textarea
            # Browsers drop the newline that may follow <textarea>.
            owner.fields.append((name, "".join(parts).removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            owner, name, options, selected = self._select
            for value in selected or options[:1]:
                owner.fields.append((name, value))
            self._select = None


def forms_in(html: str) -> list[Form]:
    parser = FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def block_fields(block: blocks.Block, state: Any, prefix: str) -> Fields:
    """The inputs Wagtail's StreamField JavaScript submits for ``state`` (its form state)."""
    if isinstance(block, blocks.StreamBlock):
        fields = [(f"{prefix}-count", str(len(state)))]
        for i, child in enumerate(state):
            fields += [
                (f"{prefix}-{i}-type", child["type"]),
                (f"{prefix}-{i}-id", child["id"] or ""),
                (f"{prefix}-{i}-deleted", ""),
                (f"{prefix}-{i}-order", str(i)),
            ]
            fields += block_fields(
                block.child_blocks[child["type"]], child["value"], f"{prefix}-{i}-value"
            )
        return fields
    if isinstance(block, blocks.ListBlock):
        fields = [(f"{prefix}-count", str(len(state)))]
        for i, child in enumerate(state):
            fields += [
                (f"{prefix}-{i}-id", child["id"] or ""),
                (f"{prefix}-{i}-deleted", ""),
                (f"{prefix}-{i}-order", str(i)),
            ]
            fields += block_fields(block.child_block, child["value"], f"{prefix}-{i}-value")
        return fields
    if isinstance(block, blocks.StructBlock):
        fields = []
        for name, child in block.child_blocks.items():
            fields += block_fields(child, state.get(name), f"{prefix}-{name}")
        return fields
    if isinstance(block, blocks.FieldBlock):
        return _widget_fields(state, prefix)
    raise NotImplementedError(f"no form encoding for {type(block).__name__} at {prefix}")


def _widget_fields(state: Any, name: str) -> Fields:
    if state is False:  # an unticked checkbox is not submitted
        return []
    if state is None:
        return [(name, "")]
    if state is True:
        return [(name, "on")]
    if isinstance(state, dict):  # a chooser: the hidden input carries the chosen id
        return [(name, str(state["id"]))]
    return [(name, str(state))]


class AdminSession:
    """One signed-in editor on one server (``base_url``), keeping its cookies."""

    def __init__(self, base_url: str, timeout: float = 60):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.cookies = CookieJar()
        self._opener = build_opener(HTTPCookieProcessor(self.cookies))

    def _open(self, path: str, data: Fields | None = None) -> tuple[str, str]:
        """(the final URL path after redirects, the body) of a GET, or a form POST."""
        url = urljoin(self.base_url + "/", path)
        body = urlencode(data).encode() if data is not None else None
        headers = {"Accept-Language": "fa"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = url
        request = Request(url, data=body, headers=headers)
        with self._opener.open(request, timeout=self.timeout) as response:
            return urlsplit(response.geturl()).path, response.read().decode()

    def get(self, path: str) -> tuple[str, str]:
        return self._open(path)

    def post(self, path: str, fields: Fields) -> tuple[str, str]:
        return self._open(path, fields)

    def log_in(self, username: str, password: str) -> None:
        _, html = self.get("/admin/login/")
        form = _form_with(html, "username")
        fields = _replace(form.fields, {"username": username, "password": password})
        landed, html = self.post("/admin/login/", fields)
        if landed != "/admin/":
            raise AssertionError(f"sign-in as {username} failed: {_errors(html)}")

    def edit_page(
        self,
        page_id: int,
        changes: dict[str, str],
        stream_blocks: dict[str, blocks.Block],
        action: str = "action-publish",
    ) -> str:
        """Post the page's edit form as rendered, with ``changes``, through the ``action``
        button; the path the admin redirects to (an error if it shows the form again)."""
        path = f"/admin/pages/{page_id}/edit/"
        _, html = self.get(path)
        form = next(f for f in forms_in(html) if f.attrs.get("id") == "page-edit-form")
        fields = _replace(form.fields, changes)
        for name, block in stream_blocks.items():
            fields += block_fields(block, form.block_states[name], name)
        fields.append((action, action))
        landed, html = self.post(path, fields)
        if landed == path:
            raise AssertionError(f"the admin refused the edit: {_errors(html)}")
        return landed


def _form_with(html: str, field: str) -> Form:
    return next(f for f in forms_in(html) if f.value(field) is not None)


def _replace(fields: Fields, changes: dict[str, str]) -> Fields:
    missing = set(changes) - {name for name, _ in fields}
    if missing:
        raise KeyError(f"the form has no field {sorted(missing)}")
    return [(name, changes.get(name, value)) for name, value in fields]


def _errors(html: str) -> str:
    """The admin's error messages, to say why a form was refused."""
    found = re.findall(r'class="[^"]*error[^"]*"[^>]*>(.*?)</', html, flags=re.S)
    text = " | ".join(re.sub(r"\s+", " ", m).strip() for m in found if m.strip())
    return text[:2000] or html[:2000]
