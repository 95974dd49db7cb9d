"""Talking to a model: opening a backend, the embedded server, the transport, the call itself."""
