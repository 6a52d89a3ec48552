"""``python -m embedded_server``: run the embedded echo server."""

import sys

from embedded_server.cli import main

sys.exit(main())
