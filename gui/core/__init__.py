"""Qt-free logic of the client: JSON checks, message records, wording, addresses."""
