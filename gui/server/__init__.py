"""The embedded server as a child process: command line, READY-line parser, launcher."""
