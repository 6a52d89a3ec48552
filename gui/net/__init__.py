"""The WebSocket client: a session thread per connection, signals to the GUI, and the
connection controller (embedded server, reconnect with backoff)."""
