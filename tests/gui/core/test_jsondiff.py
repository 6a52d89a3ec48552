"""The differences between two documents, by JSON path; and between two texts, by line."""

from __future__ import annotations

from gui.core.jsondiff import ABSENT, Change, ChangeKind, json_diff, text_diff
from gui.core.jsontree import parse_document

ADDED, REMOVED, CHANGED = ChangeKind.ADDED, ChangeKind.REMOVED, ChangeKind.CHANGED


def test_identical_documents() -> None:
    document = {"a": [1, {"b": None}], "c": "通信"}
    diff = json_diff(document, {"c": "通信", "a": [1, {"b": None}]})  # key order is no change
    assert diff.identical and not diff.truncated and diff.changes == []
    assert json_diff(1, 1.0).identical  # numbers by value


def test_added_removed_changed_in_document_order() -> None:
    first = {"type": "echo", "data": {"n": 1, "gone": True, "same": [1, 2]}, "old": 1}
    second = {"type": "echo", "data": {"n": 2, "same": [1, 2], "new key": "x"}, "new": None}
    assert json_diff(first, second).changes == [
        Change(CHANGED, ("data", "n"), 1, 2),
        Change(REMOVED, ("data", "gone"), True, ABSENT),
        Change(ADDED, ("data", "new key"), ABSENT, "x"),
        Change(REMOVED, ("old",), 1, ABSENT),
        Change(ADDED, ("new",), ABSENT, None),
    ]
    counts = json_diff(first, second).counts()
    assert (counts[CHANGED], counts[ADDED], counts[REMOVED]) == (1, 2, 2)


def test_a_type_change_is_a_change_of_the_whole_value() -> None:
    assert json_diff({"a": True}, {"a": 1}).changes == [Change(CHANGED, ("a",), True, 1)]
    assert json_diff({"a": 0}, {"a": False}).changes == [Change(CHANGED, ("a",), 0, False)]
    assert json_diff({"a": {"x": 1}}, {"a": [1]}).changes == [
        Change(CHANGED, ("a",), {"x": 1}, [1])
    ]
    assert json_diff("1", 1).changes == [Change(CHANGED, (), "1", 1)]
    assert json_diff(None, {}).changes == [Change(CHANGED, (), None, {})]


def test_arrays_are_aligned_on_their_items() -> None:
    first = [{"id": 1}, {"id": 2}, {"id": 3}]
    second = [{"id": 0}, {"id": 1}, {"id": 2}, {"id": 3}]
    assert json_diff(first, second).changes == [Change(ADDED, (0,), ABSENT, {"id": 0})]
    assert json_diff(second, first).changes == [Change(REMOVED, (0,), {"id": 0}, ABSENT)]
    # An item changed in place is compared inside; the path is in the second document.
    first = ["a", {"id": 2, "v": 1}, "c"]
    second = ["new", "a", {"id": 2, "v": 9}, "c"]
    assert json_diff(first, second).changes == [
        Change(ADDED, (0,), ABSENT, "new"),
        Change(CHANGED, (2, "v"), 1, 9),
    ]
    assert json_diff([1, 2, 3], [1, 2]).changes == [Change(REMOVED, (2,), 3, ABSENT)]


def test_long_arrays_are_compared_by_index() -> None:
    first = list(range(6000))
    second = [-1, *range(5999)]
    diff = json_diff(first, second, limit=10_000)
    assert len(diff.changes) == 6000  # every index changed: no alignment that long
    assert diff.changes[0] == Change(CHANGED, (0,), 0, -1)
    assert json_diff(first, second).truncated  # the default limit: a thousand


def test_odd_keys_unicode_and_big_numbers() -> None:
    first = parse_document('{"key with space": {"名前": 1}, "n": 123456789012345678901234567890}')
    second = parse_document('{"key with space": {"名前": 2}, "n": 123456789012345678901234567891}')
    assert json_diff(first, second).changes == [
        Change(CHANGED, ("key with space", "名前"), 1, 2),
        Change(CHANGED, ("n",), 123456789012345678901234567890, 123456789012345678901234567891),
    ]
    huge = parse_document("[1e999, 2e999]")
    assert json_diff(huge, parse_document("[1e999, 3e999]")).changes[0].path == (1,)
    assert json_diff(huge, parse_document("[1e999, 2e999]")).identical


def test_deep_documents_are_compared_without_recursion() -> None:
    depth = 900
    first = parse_document("[" * depth + "1" + "]" * depth)
    second = parse_document("[" * depth + "2" + "]" * depth)
    assert json_diff(first, second).changes == [Change(CHANGED, (0,) * depth, 1, 2)]


def test_the_output_is_limited() -> None:
    first = {f"k{i}": i for i in range(50)}
    second = {f"k{i}": -i for i in range(1, 50)}
    diff = json_diff(first, second, limit=10)
    assert diff.truncated and len(diff.changes) == 10
    assert diff.changes[0] == Change(REMOVED, ("k0",), 0, ABSENT)
    assert not json_diff(first, second, limit=50).truncated


def test_texts_are_compared_by_line() -> None:
    diff = text_diff("Echo: a\nsame\nold\n", "Echo: b\nsame\nnew\nmore")
    assert diff.by_lines
    assert diff.changes == [
        Change(CHANGED, (1,), "Echo: a", "Echo: b"),
        Change(CHANGED, (3,), "old", "new"),
        Change(ADDED, (4,), ABSENT, "more"),
    ]
    assert text_diff("a\nb\nc", "a\nc").changes == [Change(REMOVED, (2,), "b", ABSENT)]
    assert text_diff("x", "x").identical
    limited = text_diff("\n".join(map(str, range(100))), "", limit=5)
    assert limited.truncated and len(limited.changes) == 5
