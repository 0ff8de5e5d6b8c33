"""How arq jobs and results are stored in Valkey: msgpack through msgspec, never pickle.

arq pickles by default, which would let anyone able to write to the queue run code in the
worker, and ties the stored bytes to Python versions. Jobs here only carry strings and a
trace-context mapping, so msgpack is enough. arq also stores each job's outcome; a failed
job's outcome is an exception object, which msgpack cannot express, so anything msgspec
does not know is stored as its ``repr``.
"""

from __future__ import annotations

from typing import Any

import msgspec

_encoder = msgspec.msgpack.Encoder(enc_hook=repr)
_decoder = msgspec.msgpack.Decoder()


def serialize_job(data: dict[str, Any]) -> bytes:
    """arq ``job_serializer``: msgpack bytes of the job (or result) mapping."""
    return _encoder.encode(data)


def deserialize_job(payload: bytes) -> dict[str, Any]:
    """arq ``job_deserializer``: the mapping back from msgpack bytes."""
    decoded = _decoder.decode(payload)
    if not isinstance(decoded, dict):
        raise ValueError("an arq job payload must be a msgpack map")
    return decoded
