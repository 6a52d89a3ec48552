"""The tree model of a JSON document: made as the view asks, grouped when large."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from gui.core.jsontree import GROUP
from gui.models.json_tree import PATH_ROLE, JsonTreeModel


def test_the_model_passes_qt_model_checks(qtmodeltester: ModelTester) -> None:
    model = JsonTreeModel()
    model.set_document({"a": [1, {"b": None}], "名前": "通信", "big": list(range(GROUP + 10))})
    root = model.root_index()
    model.fetchMore(root)
    for row in range(model.rowCount(root)):
        model.fetchMore(model.index(row, 0, root))
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)


def test_rows_are_made_when_fetched() -> None:
    model = JsonTreeModel()
    assert model.rowCount() == 0 and not model.has_document
    model.set_document({"type": "echo", "data": {"items": [10, 20, 30]}})
    assert model.rowCount() == 1
    root = model.root_index()
    assert root.data() == "$"
    assert root.siblingAtColumn(1).data() == '{type: "echo", data: {…}}'
    assert root.siblingAtColumn(2).data() == "object (2)"
    assert model.hasChildren(root) and model.canFetchMore(root)
    assert model.rowCount(root) == 0  # nothing made before the view opens it
    model.fetchMore(root)
    assert model.rowCount(root) == 2 and not model.canFetchMore(root)
    data = model.index(1, 0, root)
    assert [data.data(), data.siblingAtColumn(1).data(), data.siblingAtColumn(2).data()] == [
        "data",
        "{items: […]}",
        "object (1)",
    ]
    kind = model.index(0, 1, root)
    assert kind.data() == '"echo"' and model.index(0, 2, root).data() == "string"
    assert not model.hasChildren(model.index(0, 0, root))
    assert model.index(0, 0, root).flags() & Qt.ItemFlag.ItemNeverHasChildren


def test_a_large_array_is_fetched_a_group_at_a_time() -> None:
    model = JsonTreeModel()
    model.set_document(list(range(100_000)))
    root = model.root_index()
    assert root.siblingAtColumn(1).data().startswith("[0, 1, 2, ")
    assert root.siblingAtColumn(2).data() == "array (100,000)"
    model.fetchMore(root)
    assert model.rowCount(root) == 100  # groups of a thousand, no more rows than that
    group = model.index(42, 0, root)
    assert group.data() == "[42000…42999]"
    assert group.siblingAtColumn(1).data() == "1,000 items of 100,000"
    assert group.data(PATH_ROLE) == "$"  # a group's path is its array's
    assert model.rowCount(group) == 0 and model.canFetchMore(group)
    model.fetchMore(group)
    assert model.rowCount(group) == GROUP
    assert model.index(7, 0, group).data() == "42007"
    assert model.index(7, 0, group).data(PATH_ROLE) == "$[42007]"
    assert model.rowCount(model.index(41, 0, root)) == 0  # the others are still unmade


def test_index_for_path_makes_the_way_and_tells_the_view(qtbot) -> None:
    model = JsonTreeModel()
    model.set_document({"a": {"list": [{"key with space": i} for i in range(5000)]}})
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))
    index = model.index_for_path(("a", "list", 4321, "key with space"))
    assert index.isValid() and index.siblingAtColumn(1).data() == "4321"
    assert index.data(PATH_ROLE) == '$.a.list[4321]["key with space"]'
    # Each level's rows up to the one on the way (groups under "list"), each said once.
    assert inserted == [(0, 0), (0, 0), (0, 4), (0, 321), (0, 0)]
    assert not model.index_for_path(("a", "missing")).isValid()
    assert not model.index_for_path(("a", "list", 5000)).isValid()
    assert model.index_for_path(()) == model.root_index()
    model.clear()
    assert model.index_for_path(("a",)) == QModelIndex()


def test_fetch_all_stays_within_its_budget() -> None:
    model = JsonTreeModel()
    model.set_document({"a": [[1, 2], [3, 4]], "b": {"c": {"d": [5]}}})
    assert model.fetch_all(model.root_index(), 100) == -1  # everything made
    assert model.index_for_path(("b", "c", "d", 0)).data() == "0"
    big = JsonTreeModel()
    big.set_document({"items": [{"x": [i]} for i in range(3000)]})
    # Level 1: "items"; level 2: 3 groups; level 3: 3,000 objects; level 4: too many.
    assert big.fetch_all(big.root_index(), 5000) == 3


def test_matches_are_bold() -> None:
    model = JsonTreeModel()
    model.set_document({"a": 1, "b": 2})
    model.fetchMore(model.root_index())
    model.set_matches([("b",)])
    a, b = model.index(0, 0, model.root_index()), model.index(1, 0, model.root_index())
    assert a.data(Qt.ItemDataRole.FontRole) is None
    assert b.data(Qt.ItemDataRole.FontRole).bold()
