"""The widgets of the main window: connection panel, JSON editor, history, detail, log."""
