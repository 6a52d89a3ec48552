"""The lazy tree of a JSON document, its paths, and the search inside it."""

from __future__ import annotations

import json

import pytest

from gui.core import jsontree
from gui.core.jsontext import JsonNumber
from gui.core.jsontree import GROUP, JsonNode, parse_document, search, value_at


def test_paths_are_written_as_the_schema_checks_write_theirs() -> None:
    document = {"a": {"b": [0, 1, 2, {"key with space": {"é": {"0x": {"": 1}}}}]}}
    root = JsonNode(document)
    node = root.child_at("a").child_at("b").child_at(3)
    assert node.json_path() == "$.a.b[3]"
    deep = node.child_at("key with space").child_at("é").child_at("0x").child_at("")
    assert deep.path() == ("a", "b", 3, "key with space", "é", "0x", "")
    assert deep.json_path() == '$.a.b[3]["key with space"]["é"]["0x"][""]'
    assert JsonNode({'say "hi"\\': 1}).child_at('say "hi"\\').json_path() == '$["say \\"hi\\"\\\\"]'
    assert root.json_path() == "$"


def test_children_are_made_only_when_asked_for() -> None:
    root = JsonNode({"list": list(range(10)), "x": None})
    assert root.kids == [] and root.size == 2 and root.more
    assert root.grow(1) == range(0, 1)
    assert [kid.key for kid in root.kids] == ["list"]
    listed = root.kids[0]
    assert listed.kids == [] and listed.size == 10
    assert listed.grow(4) == range(0, 4) and listed.grow(100) == range(4, 10)
    assert [kid.value for kid in listed.kids] == list(range(10))
    assert not listed.more and listed.grow(5) == range(10, 10)
    assert JsonNode(3).size == 0 and not JsonNode(3).more


def test_a_big_array_is_grouped_and_made_a_group_at_a_time() -> None:
    items = list(range(2_500_000))
    root = JsonNode({"items": items})
    node = root.child_at("items")
    assert node.size == 3  # groups of a million: no node has more than GROUP rows
    node.grow(3)
    assert [(kid.lo, kid.hi) for kid in node.kids] == [
        (0, 1_000_000),
        (1_000_000, 2_000_000),
        (2_000_000, 2_500_000),
    ]
    last = node.kids[2]
    assert last.is_group and last.size == 500 and last.kids == []
    # Reaching one item makes only the groups on the way, and that group's rows before it.
    item = node.child_at(2_345_678)
    assert item.value == 2_345_678 and item.path() == ("items", 2_345_678)
    assert item.json_path() == "$.items[2345678]"
    assert len(last.kids) == 346 and all(not kid.kids for kid in last.kids[:345])
    inner = last.kids[345]
    assert (inner.lo, inner.hi) == (2_345_000, 2_346_000) and len(inner.kids) == 679
    assert inner.path() == ("items",)  # a group's path is its container's
    assert inner.own_value() == items[2_345_000:2_346_000]


def test_a_big_object_is_grouped_by_its_keys_in_order() -> None:
    document = {f"k{n}": n for n in range(GROUP + 5)}
    root = JsonNode(document)
    assert root.size == 2
    node = root.child_at(f"k{GROUP + 3}")
    assert node.value == GROUP + 3 and node.path() == (f"k{GROUP + 3}",)
    assert root.kids[1].own_value() == {f"k{n}": n for n in range(GROUP, GROUP + 5)}
    assert root.child_at("nope") is None and root.child_at(0) is None


def test_no_child_at_a_wrong_key() -> None:
    root = JsonNode({"a": [1, 2]})
    arr = root.child_at("a")
    assert arr.child_at(2) is None and arr.child_at(-1) is None
    assert arr.child_at("0") is None and arr.child_at(True) is None
    assert JsonNode(5).child_at(0) is None


def test_deep_nesting_has_paths_without_recursion() -> None:
    depth = 900
    text = "[" * depth + '"bottom"' + "]" * depth
    document = parse_document(text)
    node = JsonNode(document)
    for _ in range(depth):
        node = node.child_at(0)
    assert node.value == "bottom" and node.path() == (0,) * depth
    assert search(document, "BOTTOM") == [(0,) * depth]


def test_parse_keeps_what_orjson_cannot_hold() -> None:
    document = parse_document('{"big": 123456789012345678901234567890, "huge": 1e999, "f": 0.1}')
    assert document["big"] == 123456789012345678901234567890
    assert document["huge"] == JsonNumber("1e999")
    assert jsontree.value_json(document) == (
        '{"big": 123456789012345678901234567890, "huge": 1e999, "f": 0.1}'
    )
    assert jsontree.type_name(document["huge"]) == "number"
    with pytest.raises(ValueError):
        parse_document("NaN")
    with pytest.raises(ValueError):
        parse_document("{'a': 1}")


def test_preview_and_value_json() -> None:
    assert jsontree.preview("通信\n") == '"通信\\n"'
    assert jsontree.preview("x" * 500, limit=10) == '"xxxxxxxx…'
    assert jsontree.preview({}) == "{}" and jsontree.preview([]) == "[]"
    nested = {"id": 1, "key with space": [1], "o": {"x": 1}, "e": {}, "s": "通信"}
    assert jsontree.preview(nested) == '{id: 1, key with space: […], o: {…}, e: {}, s: "通信"}'
    assert jsontree.preview(list(range(100)), limit=20) == "[0, 1, 2, 3, 4, 5, …]"
    assert jsontree.preview(["x" * 100]) == '["' + "x" * 38 + "…]"  # each item cut too
    assert jsontree.value_json({"a": [1, True, None]}, indent=2) == json.dumps(
        {"a": [1, True, None]}, indent=2
    )
    assert jsontree.value_json("é") == '"é"'


def test_search_finds_keys_and_scalars_case_folded_in_document_order() -> None:
    document = {
        "Straße": {"name": "STRASSE"},
        "list": [1, "a strasse", {"other": True}, None, 1.5],
        "numbers": {"id": 1234},
    }
    assert search(document, "strasse") == [("Straße",), ("Straße", "name"), ("list", 1)]
    assert search(document, "TRUE") == [("list", 2, "other")]
    assert search(document, "null") == [("list", 3)]
    assert search(document, "23") == [("numbers", "id")]
    assert search(document, "1.5") == [("list", 4)]
    assert search(document, "list") == [("list",)]  # a container matches by its key only
    assert search(document, "") == [] and search(document, "absent") == []
    assert search("Hello", "hell") == [()]  # a scalar document
    assert search([], "x") == []


def test_search_stops_at_its_limit() -> None:
    document = {"items": [{"name": f"n{i}"} for i in range(100)]}
    found = search(document, "n", limit=7)
    assert found == [("items", i, "name") for i in range(7)]


def test_search_through_a_hundred_thousand_nodes() -> None:
    document = {"items": [{"id": i, "tags": ["x", f"t{i}"]} for i in range(25_000)]}
    assert jsontree.count_nodes(document, 10**6) > 100_000
    assert search(document, "t24999") == [("items", 24_999, "tags", 1)]
    node = JsonNode(document).child_at("items").child_at(24_999).child_at("tags").child_at(1)
    assert node.value == "t24999"


def test_value_at() -> None:
    document = {"a": [{"b": 1}]}
    assert value_at(document, ("a", 0, "b")) == 1
    assert value_at(document, ()) is document
    with pytest.raises(KeyError):
        value_at(document, ("z",))
    with pytest.raises(IndexError):
        value_at(document, ("a", 3))
    with pytest.raises(TypeError):
        value_at(document, ("a", "b"))
