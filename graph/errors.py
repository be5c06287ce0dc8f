"""Errors the store raises: each carries one line saying what is wrong and what to do."""


class StoreError(RuntimeError):
    """The store cannot be reached or used; the message says what to do."""


class StoreUnavailable(StoreError):
    """The store is down or unreachable (the API answers 503)."""


class StoreTimeout(StoreError):
    """A read ran out of its time limit; the store stopped it."""


class ReadOnlyViolation(StoreError):
    """A read() was given a query that writes."""
