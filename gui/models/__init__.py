"""The message history: thread-safe inbox, SQLite store, table model, filter proxy."""
