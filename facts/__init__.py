"""Newsroom logic that knows nothing of Slack: extraction, answering, digests."""
