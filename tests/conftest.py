"""Shared fixtures: small in-memory examples written for the project."""
