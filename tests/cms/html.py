"""A small HTML reader for page tests (standard library only): attributes, links, text."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    classes: set[str] = field(default_factory=set)
    ancestors: list[Element] = field(default_factory=list)

    def is_inside(self, other: Element) -> bool:
        return any(ancestor is other for ancestor in self.ancestors)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        element = Element(
            tag, values, classes=set(values.get("class", "").split()), ancestors=list(self._open)
        )
        self.elements.append(element)
        if tag not in {"meta", "link", "img", "br", "hr", "input", "source"}:
            self._open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        for element in self._open:
            element.text += data


class Page:
    """The parsed response of one page."""

    def __init__(self, html: str) -> None:
        reader = _Reader()
        reader.feed(html)
        self.html = html
        self.elements = reader.elements

    def find_all(self, tag: str, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]

    def find(self, tag: str, **attrs: str) -> Element:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag} {attrs}> in the page"
        return found[0]

    def with_class(self, css_class: str) -> list[Element]:
        return [e for e in self.elements if css_class in e.classes]

    @property
    def root(self) -> Element:
        return self.find("html")

    @property
    def main_text(self) -> str:
        return " ".join(self.find("main").text.split())

    def language_links(self) -> dict[str, Element]:
        """hreflang → link in the language switcher."""
        switcher = self.with_class("language-switcher")
        assert switcher, "the page has no language switcher"
        return {a.attrs["hreflang"]: a for a in self._inside(switcher[0], "a")}

    def _inside(self, container: Element, tag: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and e.is_inside(container)]

    def links_inside(self, css_class: str) -> list[Element]:
        containers = self.with_class(css_class)
        assert containers, f"no element with class {css_class}"
        return self._inside(containers[0], "a")


def read(response) -> Page:
    assert response.status_code == 200, response.status_code
    return Page(response.content.decode())
