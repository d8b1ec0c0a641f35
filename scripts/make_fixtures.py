#!/usr/bin/env python3
"""Build the Account Lens test workbooks with writers independent of the Rust code.

    python3 scripts/make_fixtures.py [--out tests/fixtures] [--no-asset]

Writers:
  * openpyxl 3.1.5 for the .xlsx files it can express;
  * LibreOffice headless (`soffice --convert-to`) for .xls, .ods and the .xlsx
    files that need cached formula results (or cached error values);
  * plain Python for the CSV/TSV text files and the broken files.

The outputs are committed, so everything is deterministic where the writer allows:
fixed seeds, fixed document properties (2026-01-05 09:00) and fixed zip entry
timestamps for every zip container this script writes or re-packs (LibreOffice keeps the
source's document dates), so a re-run rewrites byte-identical files. It also writes
README.md in the output directory, describing every file.

Needs: python3 -m pip install openpyxl==3.1.5
       apt-get install --no-install-recommends libreoffice-calc-nogui
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.writer.excel import ExcelWriter

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "tests" / "fixtures"
SAMPLE_ASSET = REPO / "crates" / "workbook" / "assets" / "sample_accounts.xlsx"

FIXED_TIME = dt.datetime(2026, 1, 5, 9, 0, 0)
ZIP_TIME = (2026, 1, 5, 9, 0, 0)
AUTHOR = "Account Lens fixtures"

# --------------------------------------------------------------------------------------
# Data tables
# --------------------------------------------------------------------------------------

ACCOUNT_HEADER = ["Customer", "Segment", "Sales 2025", "Sales 2026", "Potential",
                  "GM %", "Hours/week", "At risk", "Relationship", "Notes"]

# (customer, segment, sales 2025, sales 2026, potential, GM, hours/week, at risk,
#  relationship, notes); None = empty cell.
ACCOUNTS = [
    ("Summit Clinics", "Healthcare", 410000, 450000, 700000, 0.32, 2, None, None, "Expanding to 3 sites"),
    ("Harbor Foods", "Food service", 380000, 390000, 420000, 0.25, 6, None, None, None),
    ("Northwind Traders", "Wholesale", 300000, 240000, 300000, 0.28, 5, None, None, "Lost the Q2 tender"),
    ("Corner Bistro", "Food service", 12000, 11500, 12000, 0.30, 8, None, "Friend", "Lunch every Friday"),
    ("Alpine Dental", "Healthcare", 95000, 120000, None, 0.35, 3, None, None, None),
    ("Blue Ridge Supply", "Wholesale", 150000, 155000, 160000, 0.22, 2, "yes", None, "Credit hold since October"),
    ("Metro Print", "Services", None, 40000, None, 0.30, 1, None, None, "New in 2026"),
    ("Lakeside Hotel", "Hospitality", 60000, 52000, 60000, 0.20, 4, None, None, None),
    ("Riverside Bakery", "Food service", 30000, 31000, 33000, 0.40, 1, None, None, None),
    ("Oak & Pine Furniture", "Retail", 200000, 205000, 230000, 0.26, 3, None, None, None),
    ("Golden Gate Logistics", "Services", 80000, 70000, 75000, 0.18, 6, None, None, None),
]

BASIC_TITLE = "Key account review"
BASIC_SUBTITLE = "Territory North \u2014 FY 2026"
BASIC_FOOTER = "Confidential \u2014 printed 2026-11-30 08:15"

# Orders export: customers (products they buy, relative order frequency, first date).
ORDER_CUSTOMERS = [
    ("Summit Clinics", ["Gloves", "Masks", "Service Plan", "Sterilizer"], 5, dt.date(2025, 1, 1)),
    ("Harbor Foods", ["Gloves", "Masks", "Paper"], 5, dt.date(2025, 1, 1)),
    ("Northwind Traders", ["Gloves", "Masks", "Paper", "Sterilizer"], 4, dt.date(2025, 1, 1)),
    ("Corner Bistro", ["Gloves", "Paper"], 2, dt.date(2025, 1, 1)),
    ("Alpine Dental", ["Gloves", "Masks", "Sterilizer", "Service Plan"], 3, dt.date(2025, 1, 1)),
    ("Metro Print", ["Paper", "Service Plan"], 2, dt.date(2026, 1, 1)),  # new in 2026
]
# product -> (margin, list unit price, min qty, max qty)
PRODUCTS = {
    "Gloves": (Decimal("0.20"), Decimal("12.50"), 5, 120),
    "Masks": (Decimal("0.25"), Decimal("8.90"), 10, 200),
    "Service Plan": (Decimal("0.45"), Decimal("1450.00"), 1, 2),
    "Sterilizer": (Decimal("0.30"), Decimal("3890.00"), 1, 1),
    "Paper": (Decimal("0.15"), Decimal("4.35"), 20, 400),
}
ORDER_COUNT = 300  # plus one fixed order on the last day -> ~600 lines
ORDER_FIRST_DAY = dt.date(2025, 1, 1)
ORDER_LAST_DAY = dt.date(2026, 9, 30)
ORDER_FIRST_NO = 100001
ORDER_HEADER = ["Invoice Date", "Order No", "Customer", "Product", "Qty", "Net Value", "Cost"]

# Accounting-package style report: (label in column B, 2025, 2026, total); None = blank.
REPORT_ROWS = [
    ("Healthcare", None, None, None),
    ("   Summit Clinics", 410000, 450000, 860000),
    ("   Alpine Dental", 95000, 120000, 215000),
    ("Total for Healthcare", 505000, 570000, 1075000),
    ("Food service", None, None, None),
    ("   Harbor Foods", 380000, 390000, 770000),
    ("   Corner Bistro", 12000, 11500, 23500),
    ("Total for Food service", 392000, 401500, 793500),
    ("Northwind Traders", 300000, 240000, 540000),
    ("TOTAL", 1197000, 1211500, 2408500),
]
REPORT_MONEY = '"$"#,##0.00'

# Messy values: (account, prior year, current, margin, hours). A str is written as a
# text cell, except "=..." in the value columns (a formula) and "#N/A" (an error
# cell). Account names are always forced to text, even "=Sum Partners".
MESSY_HEADER = ["Account", "Prior year", "Current", "Margin", "Hours"]
MESSY_ROWS = [
    ("Alpha Co", "$1,234.50", "(500)", "12%", 1),
    ("Beta GmbH", "1.234,50", "2.000,00", "15%", 2),
    ("Gamma SA", "1 234,50", 1500, 0.1, 1),
    ("Delta Ltd", 1000, "=1/0", 0.2, 1),
    ("Epsilon Inc", 800, "#N/A", 0.1, 1),
    ("+44 Trading", 5000, 5200, 0.18, 2),
    ("=Sum Partners", 7000, 6500, 0.22, 1),
]

# Sample workbook for the app's "Try the sample workbook" button (random.Random(7)).
SAMPLE_COMPANIES = [  # (name, segment)
    ("Abbott Street Pharmacy", "Healthcare"), ("Beacon Hill Dental", "Healthcare"),
    ("Birchwood Care Home", "Healthcare"), ("Brightside Pediatrics", "Healthcare"),
    ("Canal Street Deli", "Food service"), ("Cedar Valley Clinic", "Healthcare"),
    ("Copperfield Hotel", "Hospitality"), ("Crescent Bakery", "Food service"),
    ("Danube Imports", "Wholesale"), ("Eastgate Veterinary", "Healthcare"),
    ("Elm Tree Nursery School", "Education"), ("Evergreen Landscaping", "Services"),
    ("Fairview Medical Group", "Healthcare"), ("Foxglove Florists", "Retail"),
    ("Granite Peak Outfitters", "Retail"), ("Greenleaf Grocers", "Retail"),
    ("Hillcrest Physiotherapy", "Healthcare"), ("Horizon Catering", "Food service"),
    ("Ironbridge Engineering", "Services"), ("Juniper Spa", "Hospitality"),
    ("Kingfisher Marine", "Wholesale"), ("Lighthouse Dental Studio", "Healthcare"),
    ("Maple Leaf Diner", "Food service"), ("Meadowbrook School", "Education"),
    ("Millstone Brewery", "Food service"), ("Northgate Optics", "Retail"),
    ("Orchard Lane Farm Shop", "Retail"), ("Pinecrest Hospital", "Healthcare"),
    ("Quayside Fish Market", "Food service"), ("Redwood Print & Copy", "Services"),
    ("Rosewood Retirement Village", "Healthcare"), ("Saffron Kitchen", "Food service"),
    ("Silver Birch Hotel", "Hospitality"), ("Stonebridge Wholesale", "Wholesale"),
    ("Sunrise Fitness", "Services"), ("Thistle & Co Cleaning", "Services"),
    ("Union Square Cafe", "Food service"), ("Valley View Laboratories", "Healthcare"),
    ("Westfield Auto Care", "Services"), ("Willow Creek Vets", "Healthcare"),
]
SAMPLE_NOTES = ["Wants a quote for next year", "New buyer since March", "Price-sensitive",
                "Asked about the service plan", "Tender in Q3", "Pays late", "Opened a second site",
                "Switched part of the volume to a competitor"]
SAMPLE_TITLE = "Key account review"
SAMPLE_SUBTITLE = "Territory West \u2014 FY 2026 (sample data, all companies are fictitious)"
SAMPLE_FOOTER = "Sample workbook \u2014 Account Lens"


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------

def new_workbook() -> Workbook:
    wb = Workbook()
    wb.properties.creator = AUTHOR
    wb.properties.lastModifiedBy = AUTHOR
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    return wb


def save_workbook(wb: Workbook, path: Path) -> None:
    """Save like openpyxl's save_workbook, minus its `modified = now()`, then fix zip times."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    path.write_bytes(repack_zip(buf.getvalue()))


def repack_zip(data: bytes, transforms=None) -> bytes:
    """Rewrite a zip with the same entries, order and compression but fixed timestamps.

    `transforms` maps an entry name to a function applied to its bytes.
    """
    transforms = transforms or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename in transforms:
                body = transforms[info.filename](body)
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = info.compress_type
            fixed.external_attr = (0o40755 << 16) | 0x10 if info.is_dir() else 0o644 << 16
            fixed.create_system = 3
            dst.writestr(fixed, body)
    return out.getvalue()


MASTER_PAGE = re.compile(rb'<style:master-page style:name="([^"]*)".*?</style:master-page>', re.S)


def sort_ods_master_pages(styles_xml: bytes) -> bytes:
    """LibreOffice writes one master page per sheet in hash order; sort them by name."""
    start = styles_xml.find(b"<office:master-styles>")
    end = styles_xml.find(b"</office:master-styles>")
    if start < 0 or end < 0:
        return styles_xml
    start += len(b"<office:master-styles>")
    section = styles_xml[start:end]
    pages = list(MASTER_PAGE.finditer(section))
    if b"".join(m.group(0) for m in pages) != section:
        return styles_xml  # something other than master pages: leave it alone
    ordered = b"".join(m.group(0) for m in sorted(pages, key=lambda m: m.group(1)))
    return styles_xml[:start] + ordered + styles_xml[end:]


def money(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def write_rows(ws, rows, start_row=1):
    for r, row in enumerate(rows, start=start_row):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)


# --------------------------------------------------------------------------------------
# LibreOffice
# --------------------------------------------------------------------------------------

def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def lo_convert(src: Path, filter_spec: str, ext: str, dest: Path) -> None:
    """Convert `src` with LibreOffice headless into `dest` (via a temp dir, then renamed)."""
    soffice = soffice_path()
    if soffice is None:
        raise SystemExit("soffice not found: apt-get install --no-install-recommends libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory(prefix="lo-out-") as tmp:
        cmd = [soffice, "--headless", "--norestore", "--nologo", "--nodefault",
               "-env:UserInstallation=file:///tmp/lo-profile",
               "--convert-to", filter_spec, "--outdir", tmp, str(src)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
        produced = Path(tmp) / (src.stem + "." + ext)
        if proc.returncode != 0 or not produced.exists():
            raise SystemExit(f"LibreOffice failed on {src.name} -> {ext}:\n{proc.stdout}\n{proc.stderr}")
        data = produced.read_bytes()
    if ext == "xlsx":
        data = repack_zip(data)
    elif ext == "ods":
        data = repack_zip(data, {"styles.xml": sort_ods_master_pages})
    dest.write_bytes(data)


# --------------------------------------------------------------------------------------
# Account sheets (files 1, 10)
# --------------------------------------------------------------------------------------

def fill_account_sheet(ws, title, subtitle, accounts, footer):
    """Title rows, header on row 4, data from row 5, a Total row, a blank row, a footer."""
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:F1")
    ws["A2"] = subtitle
    header_row, first = 4, 5
    for c, name in enumerate(ACCOUNT_HEADER, start=1):
        ws.cell(row=header_row, column=c, value=name).font = Font(bold=True)
    write_rows(ws, accounts, start_row=first)
    last = first + len(accounts) - 1
    for r in range(first, last + 1):
        for col in "CDE":
            ws[f"{col}{r}"].number_format = "#,##0"
        ws[f"F{r}"].number_format = "0%"
    total = last + 1
    ws[f"A{total}"] = "Total"
    ws[f"A{total}"].font = Font(bold=True)
    for col in "CDG":
        cell = ws[f"{col}{total}"]
        cell.value = f"=SUM({col}{first}:{col}{last})"
        cell.font = Font(bold=True)
        if col != "G":
            cell.number_format = "#,##0"
    ws[f"A{total + 2}"] = footer
    for col, width in zip("ABCDEFGHIJ", (26, 14, 12, 12, 12, 8, 11, 8, 13, 30)):
        ws.column_dimensions[col].width = width


def make_accounts_basic(out: Path) -> Path:
    wb = new_workbook()
    ws = wb.active
    ws.title = "Accounts"
    fill_account_sheet(ws, BASIC_TITLE, BASIC_SUBTITLE, ACCOUNTS, BASIC_FOOTER)
    notes = wb.create_sheet("Notes")
    notes["A1"] = "Review notes"
    notes["A2"] = "Call Summit about the new sites"
    path = out / "accounts_basic.xlsx"
    save_workbook(wb, path)
    return path


def generate_sample_accounts():
    rng = random.Random(7)
    picks = rng.sample(range(len(SAMPLE_COMPANIES)), 2 + 4 + 3)
    friends, at_risk, new_accounts = set(picks[:2]), set(picks[2:6]), set(picks[6:])
    rows = []
    for i, (name, segment) in enumerate(SAMPLE_COMPANIES):
        if i in friends:  # small accounts with a lot of time spent on them
            s2025 = rng.randrange(6000, 25000, 500)
            s2026 = round(s2025 * rng.uniform(0.9, 1.05) / 500) * 500
            hours = rng.choice([6, 6.5, 7, 7.5, 8])
            relationship = "Friend"
        else:
            low, high, step = rng.choices([(10000, 60000, 500), (60000, 250000, 1000),
                                           (250000, 650000, 5000)], weights=[4, 4, 2])[0]
            s2025 = rng.randrange(low, high, step)
            s2026 = round(s2025 * rng.uniform(0.7, 1.3) / 500) * 500
            hours = rng.choice([0.5, 0.5, 1, 1, 1.5, 2, 2, 2.5, 3, 3, 4, 5, 6])
            relationship = None
        if i in new_accounts:
            s2025 = None
        base = max(s2025 or 0, s2026)
        potential = None if rng.random() < 0.2 else round(base * rng.uniform(1.0, 1.7) / 1000) * 1000
        gm = round(rng.uniform(0.15, 0.45), 2)
        risk = "yes" if i in at_risk else None
        notes = rng.choice(SAMPLE_NOTES) if rng.random() < 0.3 else None
        if i in new_accounts:
            notes = "New in 2026"
        rows.append((name, segment, s2025, s2026, potential, gm, hours, risk, relationship, notes))
    rows.sort(key=lambda row: (-row[3], row[0]))  # biggest accounts first, as reps sort them
    return rows


# The sample's products: margin per product, and what each segment buys (the share of its
# accounts buying each product). Most accounts that buy a sterilizer also take its service
# plan, and some of them vendor training: the rules and offers the Products screen shows.
SAMPLE_PRODUCTS = {"Gloves": 0.20, "Masks": 0.25, "Sterilizer": 0.30, "Service Plan": 0.45,
                   "Paper": 0.15, "Disinfectant": 0.35, "Vendor training": 0.55}
SEGMENT_BASKETS = {
    "Healthcare": [("Gloves", 0.95), ("Masks", 0.85), ("Sterilizer", 0.6), ("Disinfectant", 0.4)],
    "Food service": [("Gloves", 0.9), ("Paper", 0.9), ("Disinfectant", 0.7)],
    "Hospitality": [("Paper", 0.9), ("Disinfectant", 0.8), ("Gloves", 0.5)],
    "Retail": [("Paper", 0.9), ("Masks", 0.3)],
    "Services": [("Paper", 0.8), ("Gloves", 0.3)],
    "Wholesale": [("Gloves", 0.7), ("Masks", 0.6), ("Paper", 0.7)],
    "Education": [("Paper", 0.95), ("Disinfectant", 0.6), ("Masks", 0.4)],
}


def generate_sample_products(accounts):
    """One row per account and product (Account, Product, Sales 2026, Gross profit): each
    account's Sales 2026 split over what its segment buys (random.Random(17))."""
    rng = random.Random(17)
    rows = []
    for name, segment, _s2025, s2026, *_rest in accounts:
        basket = [p for p, share in SEGMENT_BASKETS[segment] if rng.random() < share]
        if "Sterilizer" in basket and rng.random() < 0.6:
            basket.append("Service Plan")
        if "Sterilizer" in basket and rng.random() < 0.5:
            basket.append("Vendor training")
        if not basket:
            basket = [SEGMENT_BASKETS[segment][0][0]]
        weights = [rng.uniform(0.3, 1.0) for _ in basket]
        total = sum(weights)
        for product, weight in zip(basket, weights):
            sales = round(s2026 * weight / total)
            profit = round(sales * SAMPLE_PRODUCTS[product] * rng.uniform(0.9, 1.1))
            rows.append((name, product, sales, profit))
    return rows


def make_sample_accounts(out: Path, asset: Path | None) -> Path:
    wb = new_workbook()
    ws = wb.active
    ws.title = "Accounts"
    accounts = generate_sample_accounts()
    fill_account_sheet(ws, SAMPLE_TITLE, SAMPLE_SUBTITLE, accounts, SAMPLE_FOOTER)
    products = wb.create_sheet("Products by account")
    products.append(["Account", "Product", "Sales 2026", "Gross profit"])
    for row in generate_sample_products(accounts):
        products.append(list(row))
    for cell in products[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCD", (28, 18, 12, 12)):
        products.column_dimensions[column].width = width
    for row in products.iter_rows(min_row=2, min_col=3, max_col=4):
        for cell in row:
            cell.number_format = "#,##0"
    path = out / "sample_accounts.xlsx"
    save_workbook(wb, path)
    if asset is not None:
        asset.parent.mkdir(parents=True, exist_ok=True)
        store_uncompressed(path, asset)
    return path


def store_uncompressed(source: Path, target: Path) -> None:
    """The same workbook with its parts stored, not deflated: the app embeds it in its wasm,
    which the web server compresses as a whole (brotli shrinks the XML to ~5 KB; a deflated
    zip inside would stay ~7 KB)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            stored = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            stored.external_attr = info.external_attr
            zout.writestr(stored, zin.read(info.filename), compress_type=zipfile.ZIP_STORED)


# --------------------------------------------------------------------------------------
# Text exports (files 4, 5)
# --------------------------------------------------------------------------------------

def fmt_eu(value) -> str:
    """410000 -> '410.000,00'"""
    if value is None:
        return ""
    return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def fmt_us_money(value) -> str:
    """410000 -> '$410,000.00'"""
    return "" if value is None else f"${value:,.2f}"


def fmt_pct(value) -> str:
    return f"{round(value * 100)}%"


def make_accounts_eu_csv(out: Path) -> Path:
    lines = [";".join(["Customer", "Sales 2025", "Sales 2026", "Potential", "GM %", "Hours/week"])]
    for name, _seg, s25, s26, pot, gm, hours, *_ in ACCOUNTS:
        if name == "Corner Bistro":
            name = "Caf\u00e9 Corner"
        lines.append(";".join([name, fmt_eu(s25), fmt_eu(s26), fmt_eu(pot), fmt_pct(gm),
                               f"{hours:.1f}".replace(".", ",")]))
    path = out / "accounts_eu.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def make_accounts_utf16_tsv(out: Path) -> Path:
    lines = ["\t".join(["Account", "Last year", "This year", "Potential", "Margin", "Hours"])]
    for name, _seg, s25, s26, pot, gm, hours, *_ in ACCOUNTS:
        lines.append("\t".join([name, fmt_us_money(s25), fmt_us_money(s26), fmt_us_money(pot),
                                fmt_pct(gm), str(hours)]))
    path = out / "accounts_utf16.tsv"
    path.write_bytes(b"\xff\xfe" + ("\r\n".join(lines) + "\r\n").encode("utf-16-le"))
    return path


# --------------------------------------------------------------------------------------
# Orders export (files 6, 7)
# --------------------------------------------------------------------------------------

def generate_orders():
    """Order lines as dicts, sorted by date then order number; latest date is ORDER_LAST_DAY."""
    rng = random.Random(42)
    names = [c[0] for c in ORDER_CUSTOMERS]
    weights = [c[2] for c in ORDER_CUSTOMERS]
    info = {c[0]: c for c in ORDER_CUSTOMERS}

    def order(customer, day):
        products = info[customer][1]
        count = min(rng.randint(1, 3), len(products))
        lines = []
        for product in rng.sample(products, count):
            margin, price, lo, hi = PRODUCTS[product]
            qty = rng.randint(lo, hi)
            discount = Decimal(rng.choice(["1.00", "1.00", "0.95", "0.90"]))
            net = money(qty * price * discount)
            cost = money(net * (1 - margin))
            lines.append({"product": product, "qty": qty, "net": net, "cost": cost})
        return {"date": day, "customer": customer, "lines": lines}

    orders = []
    for _ in range(ORDER_COUNT):
        customer = rng.choices(names, weights)[0]
        first = info[customer][3]
        day = first + dt.timedelta(days=rng.randrange((ORDER_LAST_DAY - first).days + 1))
        orders.append(order(customer, day))
    orders.append(order("Summit Clinics", ORDER_LAST_DAY))  # pin the latest date
    orders.sort(key=lambda o: o["date"])  # stable: generation order breaks ties

    rows = []
    for number, o in enumerate(orders, start=ORDER_FIRST_NO):
        for line in o["lines"]:
            rows.append({"date": o["date"], "order_no": number, "customer": o["customer"], **line})
    return rows


def write_orders_workbook(rows, path: Path, epoch=None) -> None:
    wb = new_workbook()
    if epoch is not None:
        wb.epoch = epoch
    ws = wb.active
    ws.title = "Orders"
    ws.append(ORDER_HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([row["date"], row["order_no"], row["customer"], row["product"], row["qty"],
                   float(row["net"]), float(row["cost"])])
        r = ws.max_row
        ws.cell(row=r, column=1).number_format = "yyyy-mm-dd"
        ws.cell(row=r, column=6).number_format = "#,##0.00"
        ws.cell(row=r, column=7).number_format = "#,##0.00"
    for col, width in zip("ABCDEFG", (12, 10, 20, 14, 6, 12, 12)):
        ws.column_dimensions[col].width = width
    save_workbook(wb, path)


def orders_expected(rows) -> dict:
    customers = {}
    for name, *_ in ORDER_CUSTOMERS:
        years = {str(y): {"net": Decimal(0), "cost": Decimal(0), "lines": 0} for y in (2025, 2026)}
        customers[name] = {"lines": 0, "last_date": None, "years": years}
    for row in rows:
        c = customers[row["customer"]]
        y = c["years"][str(row["date"].year)]
        y["net"] += row["net"]
        y["cost"] += row["cost"]
        y["lines"] += 1
        c["lines"] += 1
        c["last_date"] = max(c["last_date"] or row["date"], row["date"])
    for c in customers.values():
        c["last_date"] = c["last_date"].isoformat()
        for y in c["years"].values():
            y["net"] = float(money(y["net"]))
            y["cost"] = float(money(y["cost"]))
    return {
        "source": "orders_export.xlsx (and orders_1904.xlsx, same rows)",
        "sheet": "Orders",
        "lines": len(rows),
        "orders": len({r["order_no"] for r in rows}),
        "first_date": min(r["date"] for r in rows).isoformat(),
        "last_date": max(r["date"] for r in rows).isoformat(),
        "customers": customers,
    }


def make_orders(out: Path) -> list[Path]:
    rows = generate_orders()
    write_orders_workbook(rows, out / "orders_export.xlsx")
    write_orders_workbook(rows, out / "orders_1904.xlsx", epoch=CALENDAR_MAC_1904)
    with zipfile.ZipFile(out / "orders_1904.xlsx") as z:
        if 'date1904="1"' not in z.read("xl/workbook.xml").decode():
            raise SystemExit("orders_1904.xlsx: workbook.xml lacks date1904=\"1\"")
    expected = out / "orders_export.expected.json"
    expected.write_text(json.dumps(orders_expected(rows), indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    return [out / "orders_export.xlsx", out / "orders_1904.xlsx", expected]


# --------------------------------------------------------------------------------------
# Report, messy values, broken files (files 8, 9, 11)
# --------------------------------------------------------------------------------------

def make_sales_report(out: Path) -> Path:
    wb = new_workbook()
    ws = wb.active
    ws.title = "Sales by Customer"
    ws["A1"] = "Sales by Customer Summary"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.merge_cells("A1:D1")
    ws["A2"] = "Acme Distribution Ltd"
    ws["A3"] = "January 2025 - December 2026"
    for c, name in enumerate(["Customer", "Jan - Dec 2025", "Jan - Dec 2026", "Total"], start=2):
        ws.cell(row=5, column=c, value=name).font = Font(bold=True)
    r = 6
    for label, *amounts in REPORT_ROWS:
        ws.cell(row=r, column=2, value=label)
        bold = label.startswith("Total") or label == "TOTAL" or amounts[0] is None
        ws.cell(row=r, column=2).font = Font(bold=bold)
        for c, amount in enumerate(amounts, start=3):
            if amount is not None:
                cell = ws.cell(row=r, column=c, value=amount)
                cell.number_format = REPORT_MONEY
                cell.font = Font(bold=bold)
        r += 1
    ws.cell(row=r + 1, column=1, value="Accrual Basis Sunday, December 21, 2025 11:31 PM")
    for col, width in zip("ABCDE", (3, 26, 16, 16, 16)):
        ws.column_dimensions[col].width = width
    path = out / "sales_by_customer_report.xlsx"
    save_workbook(wb, path)
    return path


def make_messy_values(out: Path) -> Path:
    wb = new_workbook()
    ws = wb.active
    ws.title = "Accounts"
    ws.append(MESSY_HEADER)
    for r, row in enumerate(MESSY_ROWS, start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=value)  # "=..." -> formula, "#N/A" -> error
            if c == 1:
                cell.data_type = "s"  # "=Sum Partners" is a name, not a formula
            elif c == 4 and isinstance(value, float):
                cell.number_format = "0%"
    path = out / "messy_values.xlsx"
    save_workbook(wb, path)
    return path


def make_broken_files(out: Path, basic: Path) -> list[Path]:
    not_xlsx = out / "not_a_spreadsheet.xlsx"
    not_xlsx.write_bytes(b"This is not a workbook\n")
    truncated = out / "truncated.xlsx"
    truncated.write_bytes(basic.read_bytes()[:3000])

    wb = new_workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Date", "Amount", "Region"])
    for day, amount, region in [(dt.date(2026, 3, 2), 1250.5, 10),
                                (dt.date(2026, 3, 9), 980, 20),
                                (dt.date(2026, 3, 16), 2310.75, 10)]:
        ws.append([day, amount, region])
        ws.cell(row=ws.max_row, column=1).number_format = "yyyy-mm-dd"
    no_account = out / "no_account_column.xlsx"
    save_workbook(wb, no_account)
    return [not_xlsx, truncated, no_account]


# --------------------------------------------------------------------------------------
# Time logs (shape 3)
# --------------------------------------------------------------------------------------

# The rep reviews on Monday 2026-11-30: the 4-week window is 2026-11-02 to 2026-11-29.
# (date or None, customer or None, activity, duration, description). A duration is a
# ("time", h, m) time cell formatted h:mm, an ("elapsed", h, m) timedelta formatted [h]:mm,
# a number of hours, a str (a text cell), or a formula.
TIME_LOG_HEADER = ["Date", "Customer", "Type", "Duration", "Description"]
TIME_LOG_ROWS = [
    (dt.date(2026, 11, 2), "Summit Clinics", "Visit", ("time", 2, 30), "Site walk for the new wing"),
    (dt.date(2026, 11, 3), "Corner Bistro", "Lunch", ("time", 1, 30), "Friday lunch"),
    (dt.date(2026, 11, 5), "Harbor Foods", "Phone call", ("elapsed", 0, 45), "Reorder"),
    (dt.date(2026, 11, 9), "Summit Clinics", "Vendor training", 3, "Sterilizer training"),
    (dt.date(2026, 11, 10), "Corner Bistro", "Lunch", ("time", 2, 0), None),
    (dt.date(2026, 11, 12), "Northwind Traders", "Demo", "1:15", "Showed the new gloves"),
    (dt.date(2026, 11, 16), "Harbor Foods", "Visit", ("elapsed", 1, 30), None),
    (dt.date(2026, 11, 17), "corner bistro", "Visit", ("time", 1, 45), None),
    (dt.date(2026, 11, 19), "Alpine Dental", "Golf", 4, "Charity tournament"),
    (dt.date(2026, 11, 23), "Summit Clinics", "Call", ("time", 0, 30), None),
    (dt.date(2026, 11, 24), "Corner Bistro", "Lunch", ("time", 2, 0), None),
    (dt.date(2026, 11, 26), "Summit Clinics", "Admin", 0.5, "Quote for 3 sites"),
    (dt.date(2026, 11, 27), "Metro Print", "Visit", ("time", 1, 0), None),
    (dt.date(2026, 11, 30), "Summit Clinics", "Demo", ("time", 2, 0), "This week: not counted yet"),
    (dt.date(2026, 10, 28), "Northwind Traders", "Visit", 2, "Before the window"),
    # Rows that are not entries, each reported.
    (None, "Harbor Foods", "Call", ("time", 0, 30), "No date"),
    (dt.date(2026, 11, 18), None, "Admin", ("time", 1, 0), "No customer"),
    (dt.date(2026, 11, 20), "Lakeside Hotel", "Call", 0, "Zero"),
    (dt.date(2026, 11, 25), "Riverside Bakery", "Visit", "soon", "Not a duration"),
]
TIME_LOG_FIRST_ROW = 4  # title row 1, blank row 2, header row 3

# The "Time" sheet beside the accounts: minutes, a day column, an account not in the sheet.
TIME_SHEET_HEADER = ["Day", "Account", "Activity type", "Duration (min)", "Notes"]
TIME_SHEET_ROWS = [
    (dt.date(2026, 11, 2), "Summit Clinics", "Visit", 120, None),
    (dt.date(2026, 11, 4), "harbor foods", "Call", 45, "Reorder"),
    (dt.date(2026, 11, 6), "Acme Corp", "Demo", 90, "Prospect"),
    (dt.date(2026, 11, 11), "Corner Bistro", "Visit", 150, "Lunch"),
    (dt.date(2026, 11, 13), "Summit Clinics", "Call", 30, None),
    (dt.date(2026, 11, 18), "Corner Bistro", "Visit", 120, None),
    (dt.date(2026, 11, 20), "Acme Corp", "Visit", 630, "Trade fair"),
    (dt.date(2026, 11, 24), "Northwind Traders", "Call", None, "Minutes left empty"),
    (dt.date(2026, 11, 25), "Corner Bistro", "Visit", 90, None),
    (dt.date(2026, 11, 26), "Harbor Foods", "Visit", 75, None),
    (dt.date(2026, 11, 27), "Summit Clinics", "Admin", 60, "Quote"),
]

# A European CSV time log: `;`, day-first dotted dates, decimal commas, German activities.
TIME_CSV_LINES = [
    "Date;Client;Hours;Activity;Comment",
    "02.11.2026;Summit Clinics;1,5;Besuch;Erstbesuch",
    "03.11.2026;Harbor Foods;0,75;Telefonat;",
    "10.11.2026;Summit Clinics;2;Visit;",
    "12.11.2026;Alpine Dental;1:30;Demo;Sterilisator",
    "17.11.2026;Summit Clinics;0,5;Call;",
    "18.11.2026;Harbor Foods;abc;Visit;",
    "19.11.2026;;1;Admin;",
    "24.11.2026;Northwind Traders;3,25;Schulung;Handschuhe",
    "31.11.2026;Harbor Foods;1;Visit;",
    "26.11.2026;Harbor Foods;-1;Visit;",
]


def write_duration(cell, duration) -> None:
    if isinstance(duration, tuple):
        kind, hours, minutes = duration
        if kind == "time":
            cell.value = dt.time(hours, minutes)
            cell.number_format = "h:mm"
        else:
            cell.value = dt.timedelta(hours=hours, minutes=minutes)
            cell.number_format = "[h]:mm"
    else:
        cell.value = duration
        if isinstance(duration, (int, float)):
            cell.number_format = "0.00"


def make_time_log(out: Path) -> Path:
    wb = new_workbook()
    ws = wb.active
    ws.title = "Time log"
    ws["A1"] = "Time log \u2014 Territory North, November 2026"
    ws["A1"].font = Font(bold=True, size=14)
    header_row = TIME_LOG_FIRST_ROW - 1
    for c, name in enumerate(TIME_LOG_HEADER, start=1):
        ws.cell(row=header_row, column=c, value=name).font = Font(bold=True)
    r = TIME_LOG_FIRST_ROW
    for day, customer, activity, duration, description in TIME_LOG_ROWS:
        if day is not None:
            ws.cell(row=r, column=1, value=day).number_format = "yyyy-mm-dd"
        if customer is not None:
            ws.cell(row=r, column=2, value=customer)
        ws.cell(row=r, column=3, value=activity)
        write_duration(ws.cell(row=r, column=4), duration)
        if description is not None:
            ws.cell(row=r, column=5, value=description)
        r += 1
    ws.cell(row=r, column=2, value="Total").font = Font(bold=True)
    total = ws.cell(row=r, column=4, value=f"=SUM(D{TIME_LOG_FIRST_ROW}:D{r - 1})")
    total.number_format = "[h]:mm"
    for col, width in zip("ABCDE", (12, 20, 16, 10, 30)):
        ws.column_dimensions[col].width = width
    path = out / "time_log.xlsx"
    save_workbook(wb, path)
    return path


def make_accounts_with_time(out: Path) -> Path:
    wb = new_workbook()
    ws = wb.active
    ws.title = "Accounts"
    fill_account_sheet(ws, BASIC_TITLE, BASIC_SUBTITLE, ACCOUNTS, BASIC_FOOTER)
    time = wb.create_sheet("Time")
    time.append(TIME_SHEET_HEADER)
    for cell in time[1]:
        cell.font = Font(bold=True)
    for row in TIME_SHEET_ROWS:
        time.append(list(row))
        time.cell(row=time.max_row, column=1).number_format = "yyyy-mm-dd"
    path = out / "accounts_with_time.xlsx"
    save_workbook(wb, path)
    return path


def make_time_log_csv(out: Path) -> Path:
    path = out / "time_log_eu.csv"
    path.write_bytes(("\r\n".join(TIME_CSV_LINES) + "\r\n").encode("utf-8"))
    return path


# --------------------------------------------------------------------------------------
# README
# --------------------------------------------------------------------------------------

README = """\
# Test fixtures

Generated by `python3 scripts/make_fixtures.py` (writes here by default; `--out DIR`
to write elsewhere). Do not edit these files by hand: change the script and re-run it.
The workbooks come from writers independent of Account Lens: openpyxl 3.1.5 and
LibreOffice (headless `soffice --convert-to`, 7.4 when generated). Seeds, document
properties (2026-01-05 09:00) and zip entry timestamps are fixed, so a re-run with the
same openpyxl and LibreOffice versions gives byte-identical files (LibreOffice keeps the
source's document dates; another LibreOffice version may write different bytes with the
same cell content).

| File | Writer | What it exercises |
| --- | --- | --- |
| `accounts_basic.xlsx` | openpyxl | Sheet "Accounts": title "Key account review" (bold, merged A1:F1), subtitle row 2 with an em dash, blank row 3, header on row 4 (`Customer, Segment, Sales 2025, Sales 2026, Potential, GM %, Hours/week, At risk, Relationship, Notes`), 11 accounts in rows 5-15 (amounts numeric with `#,##0`, GM % a fraction with `0%`, empty cells: Alpine Dental and Metro Print potential, Metro Print sales 2025), row 16 "Total" with `=SUM(C5:C15)`, `=SUM(D5:D15)`, `=SUM(G5:G15)` **without cached values** (openpyxl writes none), blank row 17, footer row 18 "Confidential — printed 2026-11-30 08:15". Blue Ridge Supply at risk ("yes"), Corner Bistro "Friend" with 8 h/week. Second sheet "Notes" (A1 "Review notes", A2 "Call Summit about the new sites") that an export must copy through. |
| `accounts_basic.xls` | LibreOffice (MS Excel 97) | BIFF8 conversion of `accounts_basic.xlsx`, both sheets; LibreOffice recalculates the SUMs, so the .xls carries cached totals (1,717,000 / 1,764,500 / 41). |
| `accounts_basic.ods` | LibreOffice (calc8) | ODS conversion of `accounts_basic.xlsx`, both sheets, with cached totals. The script fixes the zip times and sorts the per-sheet master pages in `styles.xml` by name (LibreOffice writes them in hash order, which varies from run to run). |
| `accounts_cached.xlsx` | LibreOffice (Calc MS Excel 2007 XML) | `accounts_basic.xlsx` round-tripped through LibreOffice: same cells, but the Total row SUM formulas carry cached values (`<v>1717000</v>`, `<v>1764500</v>`, `<v>41</v>`), as in a workbook saved by a spreadsheet app. Shared strings and styles are LibreOffice's. |
| `accounts_eu.csv` | Python | The 11 accounts only (no title, total or footer rows), **Windows-1252**, `;` delimiter, CRLF line ends, dot thousands and decimal comma (`410.000,00`), margin as `32%`, hours with a decimal comma (`2,0`), empty fields for missing values. Header `Customer;Sales 2025;Sales 2026;Potential;GM %;Hours/week`. "Corner Bistro" is renamed **"Café Corner"** here only (byte 0xE9 must decode to é). |
| `accounts_utf16.tsv` | Python | The 11 accounts, **UTF-16 LE with BOM**, tab delimited, CRLF line ends, header `Account, Last year, This year, Potential, Margin, Hours`; amounts as text `$410,000.00` (empty when missing), margin `32%`, hours as `2`. |
| `orders_export.xlsx` | openpyxl | Sheet "Orders", header `Invoice Date, Order No, Customer, Product, Qty, Net Value, Cost`; {lines} order lines in {orders} orders (1-3 lines each, order number repeated per line, numeric from 100001), dates as real date cells (`yyyy-mm-dd`) from {first_date} to exactly {last_date}, sorted by date. Six customers; Metro Print orders only in 2026. Cost = Net × (1 − margin) with Gloves 0.20, Masks 0.25, Service Plan 0.45, Sterilizer 0.30, Paper 0.15, money rounded half-up to cents. random.Random(42). |
| `orders_export.expected.json` | Python | Computed from the same rows with exact decimal arithmetic: per customer the number of lines, last date, and per calendar year (2025, 2026; zeros when no lines) the sums of Net Value and Cost rounded to 2 decimals and the line count; also the totals and first/last dates. |
| `orders_1904.xlsx` | openpyxl | Same rows as `orders_export.xlsx` but the workbook uses the 1904 date system (`date1904="1"` in `xl/workbook.xml`, checked by the script), so date serials are 1462 lower. |
| `sales_by_customer_report.xlsx` | openpyxl | Accounting-package style report, sheet "Sales by Customer": title "Sales by Customer Summary" (merged A1:D1), company row 2, period row 3, blank row 4, header on row 5 in B..E (`Customer, Jan - Dec 2025, Jan - Dec 2026, Total`, A5 empty). From row 6 column A is empty and B holds the labels: parent "Healthcare" (no amounts), indented children (three leading spaces) "   Summit Clinics", "   Alpine Dental", "Total for Healthcare", parent "Food service", "   Harbor Foods", "   Corner Bistro", "Total for Food service", standalone "Northwind Traders", "TOTAL". Amounts numeric with `"$"#,##0.00`. Blank row 16, footer row 17 "Accrual Basis Sunday, December 21, 2025 11:31 PM" in column A (the title rows 1-3 and the footer are in A, as such packages export them). |
| `messy_values.xlsx` | openpyxl | Sheet "Accounts", header `Account, Prior year, Current, Margin, Hours`. Alpha Co: text `$1,234.50`, text `(500)`, text `12%`. Beta GmbH: text `1.234,50`, text `2.000,00`, text `15%`. Gamma SA: text `1 234,50` (ASCII space), number 1500, 0.1. Delta Ltd: 1000, formula `=1/0` with no cached value. Epsilon Inc: 800, an **error cell** `#N/A` (`t="e"`, a constant, not a formula). "+44 Trading" and "=Sum Partners" are **text cells** (openpyxl writes inline strings, `t="inlineStr"`, not formulas) that must stay text on export. Numeric margins use `0%`; Hours are numbers. |
| `messy_values_cached.xlsx` | LibreOffice (Calc MS Excel 2007 XML) | `messy_values.xlsx` round-tripped: Delta Ltd's `=1/0` now has a cached error `#DIV/0!` (`<c t="e"><f>1/0</f><v>#DIV/0!</v>`). LibreOffice has no error constants, so Epsilon Inc's `#N/A` comes back as a formula with a cached error (`<f>#N/A</f><v>#N/A</v>`). Text cells become shared strings; "+44 Trading" and "=Sum Partners" stay text. |
| `sample_accounts.xlsx` | openpyxl | The app's "Try the sample workbook" file (also at `crates/workbook/assets/sample_accounts.xlsx`: the same parts, stored uncompressed so the wasm it is embedded in compresses well): same layout as `accounts_basic.xlsx` (title, subtitle, header on row 4) with {sample_count} fictitious accounts (random.Random(7)), sorted by Sales 2026 descending, two "Friend" accounts with 6-8 h/week, four at risk, three new in 2026 (no 2025 sales), some without potential, hours 0.5-8, a Total row (row {sample_total}) with SUM formulas (no cached values) and a footer two rows below. No "Notes" sheet. A second sheet "Products by account" (header `Account, Product, Sales 2026, Gross profit`): each account's Sales 2026 split over the products its segment buys (random.Random(17); seven products, margins 15-55 %; most sterilizer buyers also take the service plan). |
| `not_a_spreadsheet.xlsx` | Python | Plain text `This is not a workbook\\n` with an .xlsx name. |
| `truncated.xlsx` | Python | The first 3000 bytes of `accounts_basic.xlsx` (a zip cut short: no central directory). |
| `no_account_column.xlsx` | openpyxl | Sheet "Data", header `Date, Amount, Region`, 3 rows: date cells, numeric amounts, numeric region codes: nothing that can be an account name. |
| `time_log.xlsx` | openpyxl | A time log (shape 3), sheet "Time log": title row 1, blank row 2, header on row 3 (`Date, Customer, Type, Duration, Description`). Dates are date cells; durations mix time cells formatted `h:mm` (`2:30`), timedeltas formatted `[h]:mm` (which calamine reads as plain numbers of days), numbers of hours (`0.00`) and the text `1:15`. 15 entries: 13 in the weeks 2026-11-02 to 2026-11-29 (Summit Clinics 6.5 h, Corner Bistro 7.25 h spelt also "corner bistro", Harbor Foods 2.25 h, Northwind Traders 1.25 h, Alpine Dental 4 h with the activity "Golf", Metro Print 1 h), one on 2026-11-30 and one on 2026-10-28. Then four rows that are not entries (no date, no customer, 0 hours, the duration "soon") and a "Total" row with `=SUM(...)` and no cached value. |
| `accounts_with_time.xlsx` | openpyxl | Sheet "Accounts" as in `accounts_basic.xlsx`, and a sheet "Time" (header row 1: `Day, Account, Activity type, Duration (min), Notes`) with minutes as whole numbers: 10 entries from 2026-11-02 to 2026-11-27 (Summit Clinics 210 min, "harbor foods"/"Harbor Foods" 120 min, Corner Bistro 360 min, and "Acme Corp", not in the account sheet, 720 min = 12 h) and one row with the minutes left empty. |
| `time_log_eu.csv` | Python | A time log as a European CSV export: UTF-8, `;` delimiter, CRLF, header `Date;Client;Hours;Activity;Comment`, day-first dotted dates (`02.11.2026`), decimal commas (`1,5`), one `1:30`, German activities (`Besuch`, `Telefonat`, `Schulung`). 6 entries (Summit Clinics 4 h, Harbor Foods 0.75 h, Alpine Dental 1.5 h, Northwind Traders 3.25 h) and four rows that are not: hours `abc`, no client, the date `31.11.2026`, hours `-1`. |
"""


def write_readme(out: Path, expected: dict, sample_count: int) -> Path:
    path = out / "README.md"
    path.write_text(README.format(lines=expected["lines"], orders=expected["orders"],
                                  first_date=expected["first_date"], last_date=expected["last_date"],
                                  sample_count=sample_count, sample_total=5 + sample_count),
                    encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    parser.add_argument("--no-asset", action="store_true",
                        help=f"do not copy sample_accounts.xlsx to {SAMPLE_ASSET.relative_to(REPO)}")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)

    basic = make_accounts_basic(out)
    written = [basic]
    lo_convert(basic, "xls:MS Excel 97", "xls", out / "accounts_basic.xls")
    lo_convert(basic, "ods:calc8", "ods", out / "accounts_basic.ods")
    lo_convert(basic, 'xlsx:Calc MS Excel 2007 XML', "xlsx", out / "accounts_cached.xlsx")
    written += [out / "accounts_basic.xls", out / "accounts_basic.ods", out / "accounts_cached.xlsx"]
    written.append(make_accounts_eu_csv(out))
    written.append(make_accounts_utf16_tsv(out))
    written += make_orders(out)
    written.append(make_sales_report(out))
    messy = make_messy_values(out)
    lo_convert(messy, 'xlsx:Calc MS Excel 2007 XML', "xlsx", out / "messy_values_cached.xlsx")
    written += [messy, out / "messy_values_cached.xlsx"]
    written.append(make_sample_accounts(out, None if args.no_asset else SAMPLE_ASSET))
    written += make_broken_files(out, basic)
    written += [make_time_log(out), make_accounts_with_time(out), make_time_log_csv(out)]

    expected = json.loads((out / "orders_export.expected.json").read_text(encoding="utf-8"))
    written.append(write_readme(out, expected, len(SAMPLE_COMPANIES)))
    for path in written:
        print(f"{path.stat().st_size:>8}  {path.name}")
    print(f"wrote {len(written)} files to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
