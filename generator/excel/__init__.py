"""Registries in Excel: reading the forms schools keep, blank forms to fill, downloads and exports.

Reading (the load stage): sheets.py opens a workbook or CSV file as grids of cells,
recognise.py finds the form and heading row of each sheet using the column profiles of
site_config/forms/ (profiles.py), rows.py turns rows into records with values.py, table.py
holds them as a document shaped like the YAML file, link.py joins pairs to the registries
and read.py ties it together. Writing: writer.py (deterministic workbooks), template.py,
convert.py and export.py serve the commands of generator/cli_excel.py; downloads.py makes
the .xlsx and .csv files of the public registry pages.
"""
