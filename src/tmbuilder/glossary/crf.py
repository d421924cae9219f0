"""A CRFsuite model read from its bytes and run over many sentences at once with numpy.

python-crfsuite tags one sentence a call, and most of a call is spent turning Python strings
into crfsuite items; a project of 100,000 sentences makes two million of them. Here a model's
weights are read once from its file (the CRF1d format of CRFsuite 0.12: a header, the features,
two CQDB string tables, reference lists), attributes become row numbers, and a whole batch of
sentences is scored with array sums and decoded with one Viterbi pass per sentence length.

The result is CRFsuite's, bit for bit, and `tests/test_glossary_crf.py` checks it against
python-crfsuite: a position's score for a label is summed in attribute order starting from
zero, as `crf1dt_state_score` does (a missing attribute adds 0.0, which changes no sum), and
the Viterbi recursion adds and compares in `crf1dc_viterbi`'s order, keeping the first best
label on a tie (numpy's argmax keeps the first maximum too).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1

IntArray = npt.NDArray[np.int64]


class ModelError(ValueError):
    """The bytes are not a CRFsuite CRF1d model this reader understands."""


@dataclass(frozen=True)
class CrfModel:
    labels: tuple[str, ...]
    attributes: dict[bytes, int]  # an attribute's row in `state`
    state: npt.NDArray[np.float64]  # (attributes + 1, labels); the last row, all 0, is `absent`
    transition: npt.NDArray[np.float64]  # (labels, labels): from, to

    @property
    def absent(self) -> int:
        """The row of an attribute the model does not know, or a feature a position lacks."""
        return len(self.attributes)

    def row(self, attribute: bytes) -> int:
        return self.attributes.get(attribute, len(self.attributes))


def read_model(data: bytes) -> CrfModel:
    """A CRF1d model file's labels, attributes and weights."""
    try:
        return _read(data)
    except (struct.error, ValueError, IndexError, UnicodeDecodeError) as error:
        if isinstance(error, ModelError):
            raise
        raise ModelError(f"damaged CRFsuite model: {error}") from error


def _read(data: bytes) -> CrfModel:
    if len(data) < 48 or data[:4] != b"lCRF" or data[8:12] != b"FOMC":
        raise ModelError("not a CRFsuite CRF1d model")
    (_n_features, n_labels, n_attributes, off_features, off_labels, off_attributes) = (
        struct.unpack_from("<6I", data, 16)
    )
    if data[off_features : off_features + 4] != b"FEAT":
        raise ModelError("no feature chunk")
    (count,) = struct.unpack_from("<I", data, off_features + 8)
    features = np.frombuffer(data, dtype=_FEATURE, count=count, offset=off_features + 12)
    labels = _strings(data, off_labels)
    attributes = _strings(data, off_attributes)
    if len(labels) != n_labels or len(attributes) != n_attributes:
        raise ModelError("string tables do not match the header")
    state_features = features[features["type"] == _STATE]
    transitions = features[features["type"] == _TRANSITION]
    cells = state_features["src"].astype(np.int64) * n_labels + state_features["dst"]
    if len(np.unique(cells)) != len(cells):
        # crfsuite would add both weights in feature order; one weight per cell is assumed here
        raise ModelError("two state features for one attribute and label")
    state = np.zeros((n_attributes + 1, n_labels), dtype=np.float64)
    state[state_features["src"], state_features["dst"]] = state_features["weight"]
    transition = np.zeros((n_labels, n_labels), dtype=np.float64)
    transition[transitions["src"], transitions["dst"]] = transitions["weight"]
    return CrfModel(
        labels=tuple(label.decode("utf-8") for label in labels),
        attributes={name: i for i, name in enumerate(attributes)},
        state=state,
        transition=transition,
    )


def _strings(data: bytes, offset: int) -> list[bytes]:
    """A CQDB table's strings by id, read through its backward array (id -> record)."""
    if data[offset : offset + 4] != b"CQDB":
        raise ModelError("no string table")
    _size, _flag, _order, count, backward = struct.unpack_from("<5I", data, offset + 4)
    records = np.frombuffer(data, dtype="<u4", count=count, offset=offset + backward)
    out: list[bytes] = []
    for i, record in enumerate(records.tolist()):
        start = offset + record
        number, size = struct.unpack_from("<iI", data, start)
        if number != i:
            raise ModelError("string table out of order")
        out.append(data[start + 8 : start + 8 + size - 1])  # the stored size counts a NUL
    return out


def decode(
    model: CrfModel, own: IntArray, ids: IntArray, rows: IntArray, lengths: list[int]
) -> IntArray:
    """The best label of each position, as crfsuite's Viterbi finds it.

    A position's attributes are, in the order crfsuite reads them, first those of its own
    entry (`own`: one line of rows per vocabulary entry; `ids`: each position's entry), then
    `rows` (one line per position); `model.absent` stands where an attribute is missing. The
    positions are those of all the sentences, one after the other; `lengths` are the
    sentences' lengths, none 0.
    """
    state = model.state
    # The sum over an entry's own attributes is the start of every position's sum: the same
    # additions in the same order, done once per entry.
    start = state[own[:, 0]]
    for k in range(1, own.shape[1]):
        start += state[own[:, k]]
    score = start[ids]
    for column in np.ascontiguousarray(rows.T):
        score += state[column]
    out = np.empty(len(ids), dtype=np.int64)
    sizes = np.asarray(lengths, dtype=np.int64)
    starts = np.cumsum(sizes) - sizes
    for length in np.unique(sizes).tolist():
        first = starts[sizes == length]
        positions = first[:, None] + np.arange(length)
        out[positions] = _viterbi(score[positions], model.transition)
    return out


def _viterbi(score: npt.NDArray[np.float64], transition: npt.NDArray[np.float64]) -> IntArray:
    """Best label paths of sentences of one length: `score` is (sentences, length, labels)."""
    batch, length, _labels = score.shape
    back = np.zeros(score.shape, dtype=np.int64)
    current = score[:, 0, :]
    for t in range(1, length):
        # reach[b, i, j]: the best path to label i at t-1, then the step i -> j
        reach = current[:, :, None] + transition[None, :, :]
        back[:, t, :] = reach.argmax(axis=1)
        current = reach.max(axis=1) + score[:, t, :]
    path = np.empty((batch, length), dtype=np.int64)
    path[:, -1] = current.argmax(axis=1)
    rows = np.arange(batch)
    for t in range(length - 1, 0, -1):
        path[:, t - 1] = back[rows, t, path[:, t]]
    return path
