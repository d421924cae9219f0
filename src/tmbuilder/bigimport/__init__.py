"""The big-memory import, in one package: a large TMX read on two cores and stored in bulk.

- `parts.py`: the flow of a two-core import (head read here, tail by a helper, merged after);
- `tmx_parts.py`: cutting a TMX file in two parts that parse on their own;
- `tail_reader.py`: the helper process that reads the tail part into a stage file;
- `stage.py`: stage files, rows another process prepared, merged in one INSERT ... SELECT;
- `memory_import.py`: bulk insertion of memory rows (SQLite's `add_memory`);
- `key_worker.py`: match keys and hashes of units, here or in a helper process;
- `memory_indexes.py`: the memory index dropped for a big import and built once at its end.

Nothing is imported here: helper processes (`python -m tmbuilder.bigimport.tail_reader`,
`... .key_worker`) start with only the modules they need.
"""
