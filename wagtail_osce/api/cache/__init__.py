"""HTTP caching of the API: ETags and 304s (``http``), the shared detail cache (``detail``) and what invalidates it (``invalidation``)."""
