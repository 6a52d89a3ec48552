"""Connection tabs: one tab per connection, each owning its controller, client, history
view and editor; the tab bar; and the factory that builds a tab from what is shared."""
