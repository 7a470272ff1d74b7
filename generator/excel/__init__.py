"""Registries in Excel: reading the forms schools keep, blank forms to fill, downloads and exports.

read.py (used by the load stage) recognises forms by their heading row using the column
profiles of site_config/forms/; template.py, convert.py and export.py serve the commands
of cli_excel.py; downloads.py turns the policy's public rows into .xlsx and .csv files.
"""
