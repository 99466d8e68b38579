"""Persistence only: SQLModel tables, migrations, every query, full-text search."""

from store.db import StoreError
from store.repo import AddedArticle, NotFound, Store

__all__ = ["AddedArticle", "NotFound", "Store", "StoreError"]
