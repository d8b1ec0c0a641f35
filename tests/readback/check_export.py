#!/usr/bin/env python3
"""Checks an Account Lens export against its source workbook with openpyxl, a reader
independent of the Rust code that wrote it.

    python3 tests/readback/check_export.py EXPORT.xlsx SOURCE.xlsx

Every cell of every source sheet (except sheets an earlier export generated) must be in the
export's sheet of the same name, at the same position, with the same value and type; formulas
are compared as formulas (data_only=False). The annotation headers must be present on some
sheet, in order. An error constant in the source (#N/A) may come back as the formula =#N/A,
which is how the export stores error values. Exits 0 when everything matches, 1 with one line per
mismatch (at most 20 shown) otherwise, 2 on bad usage.
"""

import sys

import openpyxl

ANNOTATION_HEADERS = [
    "Category", "Tier", "Flags", "Reason", "Projected sales", "Growth %", "Upside",
    "Est. deterioration", "Time share", "Sales share",
]
# A1 markers of the sheets an export adds (crates/workbook/src/settings_sheet.rs).
GENERATED_MARKERS = {"Account Lens settings", "Account Lens summary", "Account Lens accounts"}
ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"}


def is_generated(ws):
    a1 = ws.cell(row=1, column=1).value
    return isinstance(a1, str) and a1.strip() in GENERATED_MARKERS


def annotation_start(ws):
    """(row, column) of the first annotation header, 1-based, or None."""
    first = ANNOTATION_HEADERS[0]
    for row in ws.iter_rows(max_row=min(ws.max_row, 60)):
        for cell in row:
            if cell.value != first:
                continue
            names = [ws.cell(row=cell.row, column=cell.column + i).value for i in range(len(ANNOTATION_HEADERS))]
            if names == ANNOTATION_HEADERS:
                return cell.row, cell.column
    return None


def same(src, exp):
    """Whether an exported cell holds the source cell."""
    if src.data_type == "e" and exp.data_type == "f":
        return src.value in ERRORS and exp.value == "=" + src.value
    return src.data_type == exp.data_type and src.value == exp.value


def describe(cell):
    return f"{cell.value!r} ({cell.data_type})"


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    export_path, source_path = argv[1], argv[2]
    export = openpyxl.load_workbook(export_path, data_only=False)
    source = openpyxl.load_workbook(source_path, data_only=False)
    problems = []
    checked = 0

    annotated = {ws.title: annotation_start(ws) for ws in export.worksheets}
    if not any(annotated.values()):
        problems.append(f"no sheet of {export_path} has the annotation headers {', '.join(ANNOTATION_HEADERS)}")

    for src_ws in source.worksheets:
        if is_generated(src_ws):
            continue
        if src_ws.title not in export.sheetnames:
            problems.append(f"sheet {src_ws.title!r} is missing from the export (sheets: {export.sheetnames})")
            continue
        exp_ws = export[src_ws.title]
        # An earlier export's annotation columns on the analysed sheet are rewritten, not kept.
        start = annotation_start(src_ws)
        for row in src_ws.iter_rows():
            for src in row:
                if src.value is None:
                    continue
                if start and src.column >= start[1]:
                    continue
                exp = exp_ws.cell(row=src.row, column=src.column)
                checked += 1
                if not same(src, exp):
                    problems.append(f"{src_ws.title}!{src.coordinate}: source {describe(src)}, export {describe(exp)}")
        src_merged = {str(r) for r in src_ws.merged_cells.ranges}
        exp_merged = {str(r) for r in exp_ws.merged_cells.ranges}
        for missing in sorted(src_merged - exp_merged):
            problems.append(f"{src_ws.title}: merged range {missing} is not merged in the export")

    if problems:
        for p in problems[:20]:
            print(f"mismatch: {p}")
        if len(problems) > 20:
            print(f"... and {len(problems) - 20} more")
        print(f"FAILED: {len(problems)} problem(s) in {export_path} against {source_path}")
        return 1
    print(f"ok: {checked} source cells of {source_path} found in {export_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
