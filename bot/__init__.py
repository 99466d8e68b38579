"""Wiring: settings, the Slack app, the web server, the scheduler and the command line."""
