"""Rooms at ``/rooms/<room>/``: presence, numbered messages, several servers.

- ``names``: which room and member names are allowed.
- ``presence``: who is in which room, and the per-room message counter, kept where every
  server sharing the channel layer sees them (in this process, or Redis).
- ``outbox``: what one member has not been sent yet, bounded, never blocking the others.
- ``hub``: one per server process: the relay channel in the Channels groups of the rooms
  that have local members, the local fan-out, heartbeats and the clean-up of dead servers.
- ``consumer``: the WebSocket consumer and its protocol (DESIGN.md, "Round 2").
"""
