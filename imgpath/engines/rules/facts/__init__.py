"""Regulatory facts as data: records, schema checks and loading.

Kept free of imports so that ``codes`` can read the specialty list without a cycle;
import from the submodules (``model``, ``loading``) or from ``imgpath.engines.rules``.
"""
