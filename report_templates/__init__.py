"""Jinja templates of the HTML reports, shipped as package data.

Copy any of these files into a folder and pass ``--templates FOLDER`` to override it: the folder is
searched first, the built-ins fill in the rest. Autoescaping is always on.
"""
