"""Property test: whatever text arrives, the server answers it and stays up."""

from __future__ import annotations

import json
import math

import pytest
import websocket
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.embedded_server.live import ServerProcess

pytestmark = pytest.mark.live

json_documents = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=20,
)


@pytest.fixture(scope="module")
def socket_to_server(shared_live_server: ServerProcess):
    ws = websocket.create_connection(shared_live_server.url, timeout=10)
    yield ws
    ws.close()
    assert shared_live_server.process.poll() is None, "the server died"


def same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return a == b


def strict_loads(text: str) -> object:
    """json.loads with RFC 8259's rule on top: NaN and the infinities are not JSON."""

    def refuse(name: str) -> object:
        raise json.JSONDecodeError(f"{name} is not JSON", text, text.find(name))

    return json.loads(text, parse_constant=refuse)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=1, max_size=300))
def test_any_text_gets_an_answer(socket_to_server: websocket.WebSocket, text: str) -> None:
    socket_to_server.send(text)
    reply = json.loads(socket_to_server.recv())
    try:
        expected = strict_loads(text)
    except json.JSONDecodeError as error:
        assert reply["type"] == "error"
        assert reply["code"] == "invalid_json"
        if "JSON" not in error.msg:  # json's own errors: the same position
            assert (reply["line"], reply["column"]) == (error.lineno, error.colno)
    else:
        assert reply["type"] == "echo"
        assert same(reply["data"], expected)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=json_documents)
def test_any_document_is_echoed(socket_to_server: websocket.WebSocket, document: object) -> None:
    socket_to_server.send(json.dumps(document, ensure_ascii=False))
    assert json.loads(socket_to_server.recv()) == {"type": "echo", "data": document}
