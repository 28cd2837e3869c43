#!/usr/bin/env python3
"""Extracts the kommune rows of Udir's grunnskolepoeng export to a long CSV, values unchanged.

Usage: python3 seeds/build/extract_udir_grunnskolepoeng.py <Grunnskolepoeng Udir.xlsx> \
           > seeds/build/udir_grunnskolepoeng_kommuner_2016_2021.csv

The input is Udir's statistikkbank export of 21 June 2022 as stored in evensrii/Telemark@2f2c211
(`Data/02_Opplæring og kompetanse/Grunnskolepoeng Udir.xlsx`). Only rows with EnhetNivaa 3
(kommune) are kept; fylke, national and school rows are dropped. Kommune numbers are written with
four digits (Udir stores 0301 as 301). A value Udir suppressed is kept as written ("*"); a year a
kommune has no figure for is left out. Svalbard (2100, listed under two fylker) is not a kommune
and is left out. Needs openpyxl (Debian: python3-openpyxl).
"""
import csv
import sys

import openpyxl

# Column headers of the export: "<school year>.Alle eierformer.Begge kjønn.<measure>".
MEASURES = {'Grunnskolepoeng': 'grunnskolepoeng', 'Antall elever': 'antall_elever'}
SVALBARD = '2100'


def main(path: str) -> None:
    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows)
    columns = {}
    for index, title in enumerate(header):
        parts = str(title).split('.')
        if len(parts) == 4 and parts[3] in MEASURES:
            school_year = parts[0]  # "2015-16": the spring of 2016
            year = int(school_year[:4]) + 1
            columns[index] = (year, MEASURES[parts[3]])
    seen = {}
    for row in rows:
        if row[0] != 3:
            continue
        nr = str(row[3]).zfill(4)
        if nr == SVALBARD:
            continue
        name = row[7]
        values = {}
        for index, (year, measure) in columns.items():
            if row[index] is not None:
                values.setdefault(year, {})[measure] = row[index]
        if nr in seen:
            raise SystemExit(f'kommune {nr} appears twice')
        seen[nr] = (name, values)
    out = csv.writer(sys.stdout, lineterminator='\n')
    out.writerow(['kommunenummer', 'kommunenavn', 'year', 'grunnskolepoeng', 'antall_elever'])
    for nr in sorted(seen):
        name, values = seen[nr]
        for year in sorted(values):
            out.writerow([nr, name, year, values[year].get('grunnskolepoeng', ''), values[year].get('antall_elever', '')])


if __name__ == '__main__':
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
