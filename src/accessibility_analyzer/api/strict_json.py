"""JSON request bodies are held to their types exactly, as the OpenAPI document states them.

Litestar converts a parsed body to the handler's struct in msgspec's lax mode, which is
made for query strings: it takes ``0``, ``1`` or ``"true"`` for a boolean and ``"5"`` for
an integer. The document (msgspec's own JSON schema of the struct) promises a boolean, and
a client that sends ``0`` has a bug the lax conversion would hide. So before a handler
with a ``data`` struct runs, its body is decoded strictly, and a value of the wrong type
is answered 400 like any other invalid body. Malformed JSON and the rest of validation are
left to Litestar (the body bytes are cached, so they are read once).
"""

from __future__ import annotations

import typing
from typing import Any

import msgspec
from litestar import Request
from litestar.exceptions import ValidationException

__all__ = ["strict_json_body"]


def _takes_struct(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, msgspec.Struct):
        return True
    return any(_takes_struct(argument) for argument in typing.get_args(annotation))


async def strict_json_body(request: Request[Any, Any, Any]) -> None:
    """``before_request`` hook: refuse a JSON body whose values are not of the declared types.

    Raises:
        ValidationException: A value has another JSON type than the struct declares (400).
    """
    data = request.route_handler.parsed_fn_signature.parameters.get("data")
    if data is None or not _takes_struct(data.annotation):
        return
    body = await request.body()
    if not body.strip():
        return
    try:
        msgspec.json.decode(body, type=data.annotation, strict=True)
    except msgspec.ValidationError as error:
        raise ValidationException(
            detail="Validation failed",
            extra=[{"message": str(error), "source": "body"}],
        ) from None
    except msgspec.DecodeError:
        return  # not JSON at all: Litestar's own parsing answers it
