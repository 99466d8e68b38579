"""Thin Slack glue: listeners, Block Kit rendering and user-facing wording."""
