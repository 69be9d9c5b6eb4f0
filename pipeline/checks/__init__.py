"""Checks: one module per family, each registered with a code, a severity and a doc."""
