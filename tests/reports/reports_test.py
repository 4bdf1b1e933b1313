#!/usr/bin/env python3
"""The reports pupitrectl writes (docs/reports.md), opened with real readers.

A fixture class is made with pupitrectl itself (names with accents, ñ, ç, the Catalan l·l,
Arabic and Chinese; excused, missing and symbol marks; terms; attendance; journal), then each
report is written and read back: the XLSX with openpyxl (cell values and types, merged group
headers, frozen panes), the CSV with Python's csv module, the PDFs with pdftotext, pdfinfo,
pdffonts and pdftoppm. The averages are checked against the model's own (`pupitrectl
averages --json`) and against values worked out by hand.

Environment: PUPITRECTL (the binary), PUPITRE_LOCALE_DIR (the compiled catalogs),
PUPITRE_REPORT_RENDERS (optional: where the pages rendered as PNG are kept, to look at).
"""
import csv
import io
import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
import unittest

import openpyxl

CTL = os.environ.get("PUPITRECTL", "pupitrectl")
RENDERS = os.environ.get("PUPITRE_REPORT_RENDERS", "")
ENGLISH = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "LANGUAGE": ""}
SPANISH = {"LANG": "es_ES.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": "es"}
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# given, family
STUDENTS = {
    "jose": ("José", "Ñúñez García"),
    "marti": ("Martí", "Col·lell"),
    "francois": ("François", "Çelik"),
    "mohamed": ("محمد", "العربي"),
    "xiaoming": ("小明", "王"),
    "zoe": ("Zoë", "Zamora"),
}


def name_of(key):
    given, family = STUDENTS[key]
    return f"{family}, {given}"


class Fixture:
    def __init__(self, folder):
        self.folder = folder
        self.db = os.path.join(folder, "class.db")

    def ctl(self, *args, env=None, check=True):
        run_env = dict(os.environ)
        run_env.update(env or ENGLISH)
        result = subprocess.run([CTL, "--db", self.db, *args], capture_output=True, text=True,
                                env=run_env)
        if check and result.returncode != 0:
            raise AssertionError(f"pupitrectl {' '.join(args)} failed: {result.stderr}")
        return result

    def new(self, *args):
        return self.ctl(*args).stdout.strip().splitlines()[-1]

    def build(self):
        self.cls = self.new("class", "add", "3º B", "--subject", "Matemáticas", "--year",
                            "2026-2027")
        terms = self.ctl("term", "list", self.cls, "--json").stdout
        self.terms = [t["id"] for t in json.loads(terms)]
        self.exams = self.new("category", "add", self.cls, "Exámenes", "--weight", "2")
        self.homework = self.new("category", "add", self.cls, "Deberes")
        self.e1 = self.new("assessment", "add", self.cls, "Examen 1", "--category", self.exams,
                           "--date", "2026-10-10")
        self.t1 = self.new("assessment", "add", self.cls, "Tarea 1", "--category",
                           self.homework, "--date", "2026-10-12")
        self.l1 = self.new("assessment", "add", self.cls, "Lectura", "--category", self.homework,
                           "--date", "2026-11-05", "--symbols", "A=10;B=8;C=5;F=0")
        self.e2 = self.new("assessment", "add", self.cls, "Examen 2", "--category", self.exams,
                           "--date", "2027-02-10")
        self.ids = {}
        for key, (given, family) in STUDENTS.items():
            self.ids[key] = self.new("student", "add", self.cls, given, family)
        marks = [("jose", self.e1, "7.5"), ("jose", self.t1, "9"), ("jose", self.l1, "B"),
                 ("jose", self.e2, "6"), ("marti", self.t1, "4"), ("mohamed", self.t1, "10"),
                 ("xiaoming", self.e1, "8,25"), ("zoe", self.e2, "9.5")]
        for key, assessment, value in marks:
            self.ctl("mark", "set", self.ids[key], assessment, value)
        self.ctl("mark", "set", self.ids["marti"], self.e1, "", "--status", "excused")
        self.ctl("mark", "set", self.ids["mohamed"], self.e1, "", "--status", "missing")
        # Attendance in the first term and one day of the second.
        for key in STUDENTS:
            self.ctl("attendance", "set", self.ids[key], "2026-10-01", "present")
            self.ctl("attendance", "set", self.ids[key], "2026-10-02", "present")
        self.ctl("attendance", "set", self.ids["jose"], "2026-10-05", "absent")
        self.ctl("attendance", "set", self.ids["jose"], "2026-10-06", "late")
        self.ctl("attendance", "set", self.ids["marti"], "2026-10-05", "justified")
        self.ctl("attendance", "set", self.ids["jose"], "2027-01-20", "absent")
        self.ctl("journal", "add", self.cls, "2026-10-01",
                 "Fracciones: suma y resta.\nEjercicios 1–5 de la página 34.", "--title",
                 "Fracciones", "--done")
        self.ctl("journal", "add", self.cls, "2026-10-08", "Examen de fracciones", "--session",
                 "P3")
        self.ctl("journal", "add", self.cls, "2027-03-01", "Geometría (fuera del periodo)")
        averages = self.ctl("averages", self.cls, "--json").stdout
        self.averages = {a["student_id"]: a for a in json.loads(averages)}

    def path(self, name):
        return os.path.join(self.folder, name)


def pdf_text(path, page=None, layout=False):
    args = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    out = subprocess.run(args + [path, "-"], capture_output=True, text=True, check=True).stdout
    return BIDI_MARKS.sub("", out)


def has_name(text, name):
    """`name` in a PDF's text. pdftotext may split an Arabic word where its shaped glyphs sit
    apart ("مح مد"): the letters must be there in reading order, spaces aside."""
    return name in text or re.sub(r"\s", "", name) in re.sub(r"\s", "", text)


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def render(path, name):
    """Every page as a PNG (kept in PUPITRE_REPORT_RENDERS when set, to be looked at)."""
    folder = RENDERS or tempfile.mkdtemp()
    os.makedirs(folder, exist_ok=True)
    prefix = os.path.join(folder, name)
    subprocess.run(["pdftoppm", "-png", "-r", "80", path, prefix], check=True)
    pngs = [f for f in os.listdir(folder) if f.startswith(name + "-") and f.endswith(".png")]
    return pngs


def assert_fonts_embedded(test, path):
    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    test.assertTrue(fonts, "no fonts in " + path)
    for line in fonts:
        # name type [type] encoding emb sub uni object ID
        fields = line.split()
        test.assertEqual(fields[-5], "yes", "font not embedded: " + line)


class Reports(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="pupitre-reports-")
        cls.f = Fixture(cls.folder)
        cls.f.build()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)

    def model_final(self, key):
        return self.f.averages[self.f.ids[key]]["final"]

    # ---- gradebook, XLSX ----

    def test_gradebook_xlsx_has_numbers_groups_and_frozen_names(self):
        out = self.f.path("gradebook.xlsx")
        self.f.ctl("report", "gradebook", self.f.cls, "--format", "xlsx", "-o", out)
        book = openpyxl.load_workbook(out)
        sheet = book.worksheets[0]
        self.assertEqual(sheet.freeze_panes, "B7")
        titles = [c.value for c in sheet[5]]
        self.assertEqual(titles[0], "Student")
        for title in ["Final mark", "1st term", "2nd term", "Exámenes", "Deberes", "Examen 1",
                      "Tarea 1", "Lectura", "Examen 2"]:
            self.assertIn(title, titles)
        col = {title: i + 1 for i, title in enumerate(titles)}
        rows = {sheet.cell(r, 1).value: r for r in range(7, sheet.max_row + 1)}
        for key in STUDENTS:
            self.assertIn(name_of(key), rows)
        cell = lambda key, title: sheet.cell(rows[name_of(key)], col[title])
        # Marks are numbers, symbols and statuses are text.
        self.assertEqual(cell("jose", "Examen 1").value, 7.5)
        self.assertEqual(cell("jose", "Examen 1").data_type, "n")
        self.assertEqual(cell("xiaoming", "Examen 1").value, 8.25)
        self.assertEqual(cell("jose", "Lectura").value, "B")
        self.assertEqual(cell("marti", "Examen 1").value, "excused")
        self.assertEqual(cell("mohamed", "Examen 1").value, "missing")
        self.assertIsNone(cell("francois", "Examen 1").value)
        # Averages are values, rounded as the app shows them (0.1), worked out by hand...
        self.assertAlmostEqual(cell("jose", "Final mark").value, 6.9)
        self.assertEqual(cell("jose", "Final mark").data_type, "n")
        self.assertAlmostEqual(cell("jose", "1st term").value, 7.8)
        self.assertAlmostEqual(cell("jose", "2nd term").value, 6.0)
        self.assertAlmostEqual(cell("jose", "Exámenes").value, 6.8)
        self.assertAlmostEqual(cell("jose", "Deberes").value, 8.5)
        self.assertAlmostEqual(cell("marti", "Final mark").value, 4.0)
        self.assertAlmostEqual(cell("mohamed", "Final mark").value, 3.3)
        self.assertAlmostEqual(cell("xiaoming", "Final mark").value, 8.3)
        self.assertAlmostEqual(cell("zoe", "Final mark").value, 9.5)
        self.assertIsNone(cell("francois", "Final mark").value)
        # ... and the same as the model's (pupitrectl averages, 2 decimals).
        for key in STUDENTS:
            final = self.model_final(key)
            value = cell(key, "Final mark").value
            if final is None:
                self.assertIsNone(value)
            else:
                self.assertLessEqual(abs(value - final), 0.05 + 1e-9, key)
        # The categories as grouped (merged) headers above their assessments.
        merged = {str(r): sheet.cell(r.min_row, r.min_col).value for r in sheet.merged_cells.ranges}
        groups = {v for v in merged.values()}
        self.assertIn("Averages", groups)
        self.assertIn("1st term", groups)
        self.assertIn("Deberes", groups)  # Tarea 1 and Lectura, both homework of term 1
        deberes = [r for r in sheet.merged_cells.ranges
                   if sheet.cell(r.min_row, r.min_col).value == "Deberes"]
        self.assertEqual(len(deberes), 1)
        self.assertEqual({deberes[0].min_col, deberes[0].max_col}, {col["Tarea 1"], col["Lectura"]})

    def test_gradebook_xlsx_of_one_term(self):
        out = self.f.path("term2.xlsx")
        self.f.ctl("report", "gradebook", self.f.cls, "--format", "xlsx", "--term",
                   self.f.terms[1], "-o", out)
        sheet = openpyxl.load_workbook(out).worksheets[0]
        titles = [c.value for c in sheet[5]]
        self.assertIn("Examen 2", titles)
        self.assertNotIn("Examen 1", titles)
        self.assertIn("Term average", titles)
        rows = {sheet.cell(r, 1).value: r for r in range(7, sheet.max_row + 1)}
        self.assertAlmostEqual(sheet.cell(rows[name_of("zoe")], titles.index("Term average") + 1)
                               .value, 9.5)

    # ---- gradebook, CSV ----

    def read_csv(self, path, delimiter):
        with open(path, "rb") as raw:
            data = raw.read()
        self.assertTrue(data.startswith(b"\xef\xbb\xbf"), "no UTF-8 BOM")
        self.assertIn(b"\r\n", data)
        text = data[3:].decode("utf-8")
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))

    def test_gradebook_csv_comma_and_semicolon(self):
        out = self.f.path("gradebook.csv")
        self.f.ctl("report", "gradebook", self.f.cls, "--format", "csv", "-o", out)
        rows = self.read_csv(out, ",")
        header = rows[0]
        self.assertEqual(header[0], "Student")
        by_name = {r[0]: dict(zip(header, r)) for r in rows[1:]}
        self.assertEqual(set(by_name), {name_of(k) for k in STUDENTS})
        jose = by_name[name_of("jose")]
        self.assertEqual(jose["Final mark (Averages)"], "6.9")
        self.assertEqual(jose["Examen 1 (1st term · Exámenes)"], "7.5")
        self.assertEqual(jose["Lectura (1st term · Deberes)"], "B")
        self.assertEqual(by_name[name_of("marti")]["Examen 1 (1st term · Exámenes)"], "excused")
        self.assertEqual(by_name[name_of("mohamed")]["Examen 1 (1st term · Exámenes)"], "missing")

        semi = self.f.path("gradebook-semicolon.csv")
        self.f.ctl("report", "gradebook", self.f.cls, "--format", "csv", "--separator", ";",
                   "-o", semi)
        rows = self.read_csv(semi, ";")
        by_name = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
        self.assertEqual(by_name[name_of("jose")]["Final mark (Averages)"], "6,9")
        self.assertEqual(by_name[name_of("xiaoming")]["Examen 1 (1st term · Exámenes)"], "8,25")

    # ---- gradebook, PDF ----

    def test_gradebook_pdf_names_and_averages_in_english_and_spanish(self):
        out = self.f.path("gradebook.pdf")
        self.f.ctl("report", "gradebook", self.f.cls, "--format", "pdf", "-o", out)
        text = pdf_text(out)
        for key in STUDENTS:
            given, family = STUDENTS[key]
            self.assertTrue(has_name(text, given), key)
            self.assertTrue(has_name(text, family), key)
        self.assertIn("Ñúñez García, José", text)
        self.assertIn("Col·lell, Martí", text)
        self.assertIn("Çelik, François", text)
        self.assertIn("王, 小明", text)
        for value in ["6.9", "7.8", "6.8", "8.5", "3.3", "8.3", "9.5", "7.5", "8.25"]:
            self.assertRegex(text, r"(?m)^" + re.escape(value) + r"$", value)
        self.assertIn("Gradebook", text)
        self.assertRegex(text, r"(?m)^exc\.$")  # Martí's first exam
        self.assertRegex(text, r"(?m)^miss\.$")  # Mohamed's
        assert_fonts_embedded(self, out)
        self.assertTrue(render(out, "gradebook-en"))

        es = self.f.path("gradebook-es.pdf")
        self.f.ctl("report", "gradebook", self.f.cls, "--format", "pdf", "-o", es, env=SPANISH)
        text = pdf_text(es)
        self.assertIn("Cuaderno de notas", text)
        self.assertIn("Medias", text)
        self.assertIn("Nota final", text)
        for value in ["6,9", "7,8", "6,8", "8,5", "3,3", "7,5", "8,25"]:
            self.assertRegex(text, r"(?m)^" + re.escape(value) + r"$", value)
        self.assertNotRegex(text, r"(?m)^6\.9$")
        self.assertRegex(text, r"(?m)^exenta$")
        self.assertRegex(text, r"(?m)^NP$")
        self.assertIn("Ñúñez García, José", text)
        self.assertTrue(render(es, "gradebook-es"))

    def test_gradebook_pdf_repeats_headers_and_names_across_pages(self):
        # 40 students and 30 assessments: more rows and columns than one landscape page holds.
        f = Fixture(tempfile.mkdtemp(prefix="pupitre-big-", dir=self.folder))
        cls = f.new("class", "add", "Big", "--no-terms")
        assessments = [f.new("assessment", "add", cls, f"Test {i:02d}") for i in range(30)]
        students = [f.new("student", "add", cls, f"Given{i:02d}", f"Family{i:02d}")
                    for i in range(40)]
        f.ctl("mark", "set", students[39], assessments[29], "9")
        out = f.path("big.pdf")
        f.ctl("report", "gradebook", cls, "--format", "pdf", "-o", out)
        pages = pdf_pages(out)
        self.assertGreaterEqual(pages, 4)
        seen = set()
        for page in range(1, pages + 1):
            text = pdf_text(out, page)
            self.assertIn("Student", text, f"page {page} has no header row")
            names = set(re.findall(r"Family\d\d, Given\d\d", text))
            self.assertTrue(names, f"page {page} has no names")
            seen |= names
            self.assertIn(f"Page {page} of {pages}", text)
        self.assertEqual(len(seen), 40)
        self.assertTrue(render(out, "gradebook-big"))

    # ---- report cards ----

    def test_report_cards_one_student_per_page(self):
        out = self.f.path("cards.pdf")
        comments = self.f.path("comments.csv")
        with open(comments, "w", encoding="utf-8") as c:
            c.write(f"{self.f.ids['jose']};Trabaja bien; debe repasar las fracciones.\n")
        self.f.ctl("report", "student", "--class", self.f.cls, "--format", "pdf", "--school",
                   "IES Lluís Vives", "--comments", comments, "-o", out)
        self.assertEqual(pdf_pages(out), len(STUDENTS))
        order = []
        for page in range(1, len(STUDENTS) + 1):
            text = pdf_text(out, page)
            here = [k for k, (given, family) in STUDENTS.items()
                    if has_name(text, family) and has_name(text, given)]
            self.assertEqual(len(here), 1, f"page {page}: {here}")
            order.append(here[0])
            self.assertIn("IES Lluís Vives", text)
            self.assertIn("Report card", text)
        self.assertEqual(set(order), set(STUDENTS))
        jose = pdf_text(out, order.index("jose") + 1)
        self.assertIn("Final mark: 6.9", jose)
        self.assertIn("Trabaja bien; debe repasar las fracciones.", jose)
        self.assertIn("Absent: 2", jose)
        self.assertIn("Late: 1", jose)
        for value in ["7.8", "6.0", "6.8", "8.5"]:
            self.assertIn(value, jose)
        assert_fonts_embedded(self, out)
        self.assertTrue(render(out, "cards-en"))

        es = self.f.path("card-es.pdf")
        self.f.ctl("report", "student", self.f.ids["mohamed"], "--format", "pdf", "--comment",
                   "Buen trimestre.", "-o", es, env=SPANISH)
        self.assertEqual(pdf_pages(es), 1)
        text = pdf_text(es)
        self.assertIn("Boletín de notas", text)
        self.assertTrue(has_name(text, "محمد"))
        self.assertTrue(has_name(text, "العربي"))
        self.assertIn("Nota final: 3,3", text)
        self.assertIn("no pres.", text)
        self.assertIn("Buen trimestre.", text)
        self.assertTrue(render(es, "card-es"))

    # ---- attendance ----

    def test_attendance_xlsx_and_pdf(self):
        out = self.f.path("attendance.xlsx")
        self.f.ctl("report", "attendance", self.f.cls, "--from", "2026-09-01", "--to",
                   "2026-12-31", "--format", "xlsx", "-o", out)
        sheet = openpyxl.load_workbook(out).worksheets[0]
        header = [c.value for c in sheet[4]]
        self.assertEqual(header[:6], ["Student", "Present", "Absent", "Late", "Justified", "Total"])
        rows = {sheet.cell(r, 1).value: [c.value for c in sheet[r]] for r in range(5, sheet.max_row + 1)}
        jose = rows[name_of("jose")]
        self.assertEqual(jose[1:6], [2, 1, 1, 0, 4])  # the absence of January is outside
        self.assertAlmostEqual(jose[6], 0.5)
        self.assertAlmostEqual(jose[7], 0.25)
        self.assertEqual(sheet.cell(5, 2).data_type, "n")
        self.assertEqual(rows[name_of("marti")][1:6], [2, 0, 0, 1, 3])

        term = self.f.path("attendance-term2.xlsx")
        self.f.ctl("report", "attendance", self.f.cls, "--term", self.f.terms[1], "--format",
                   "xlsx", "-o", term)
        sheet = openpyxl.load_workbook(term).worksheets[0]
        rows = {sheet.cell(r, 1).value: [c.value for c in sheet[r]] for r in range(5, sheet.max_row + 1)}
        self.assertEqual(rows[name_of("jose")][1:6], [0, 1, 0, 0, 1])

        pdf = self.f.path("attendance.pdf")
        self.f.ctl("report", "attendance", self.f.cls, "--from", "2026-09-01", "--to",
                   "2026-12-31", "--format", "pdf", "-o", pdf, env=SPANISH)
        text = pdf_text(pdf)
        self.assertIn("Asistencia", text)
        for key in STUDENTS:
            self.assertTrue(has_name(text, STUDENTS[key][1]), key)
        self.assertIn("50,0%", text)
        self.assertIn("25,0%", text)
        assert_fonts_embedded(self, pdf)
        self.assertTrue(render(pdf, "attendance-es"))

    # ---- journal ----

    def test_journal_pdf_of_a_range(self):
        out = self.f.path("journal.pdf")
        self.f.ctl("report", "journal", self.f.cls, "--from", "2026-09-01", "--to", "2026-12-31",
                   "-o", out)
        text = pdf_text(out)
        self.assertIn("Fracciones", text)
        self.assertIn("Ejercicios 1–5 de la página 34.", text)
        self.assertIn("Examen de fracciones", text)
        self.assertIn("2026-10-08 · P3", text)
        self.assertNotIn("Geometría", text)
        self.assertTrue(render(out, "journal-en"))

    # ---- errors: clear, and nothing partial left ----

    def assert_refused(self, result, *words):
        self.assertEqual(result.returncode, 1, result.stderr)
        for word in words:
            self.assertIn(word, result.stderr)

    def no_leftovers(self, folder):
        return [f for f in os.listdir(folder) if f.endswith(".part")]

    def test_errors_leave_nothing_partial(self):
        folder = tempfile.mkdtemp(prefix="out-", dir=self.folder)
        out = os.path.join(folder, "gradebook.xlsx")
        with open(out, "w") as old:
            old.write("an older report")
        result = self.f.ctl("report", "gradebook", "no-such-class", "--format", "xlsx", "-o", out,
                            check=False)
        self.assert_refused(result, "class")
        with open(out) as old:
            self.assertEqual(old.read(), "an older report")
        result = self.f.ctl("report", "attendance", self.f.cls, "--from", "2026-13-01", "--to",
                            "2026-12-31", "--format", "pdf", "-o", out, check=False)
        self.assert_refused(result, "2026-13-01", "YYYY-MM-DD")
        result = self.f.ctl("report", "journal", self.f.cls, "--from", "2026-12-31", "--to",
                            "2026-09-01", "-o", out, check=False)
        self.assert_refused(result, "--from before --to")
        result = self.f.ctl("report", "gradebook", self.f.cls, "--format", "docx", "-o", out,
                            check=False)
        self.assert_refused(result, "docx", "xlsx, csv, pdf")
        result = self.f.ctl("report", "gradebook", self.f.cls, "--format", "pdf", "-o",
                            os.path.join(folder, "missing-folder", "g.pdf"), check=False)
        self.assert_refused(result, "does not exist")
        result = self.f.ctl("report", "gradebook", self.f.cls, "--format", "pdf", "--term",
                            "no-such-term", "-o", out, check=False)
        self.assert_refused(result, "term")
        if os.geteuid() != 0:
            locked = tempfile.mkdtemp(prefix="locked-", dir=self.folder)
            os.chmod(locked, stat.S_IRUSR | stat.S_IXUSR)
            result = self.f.ctl("report", "gradebook", self.f.cls, "--format", "pdf", "-o",
                                os.path.join(locked, "g.pdf"), check=False)
            self.assert_refused(result, "cannot be written")
        self.assertEqual(self.no_leftovers(folder), [])
        with open(out) as old:
            self.assertEqual(old.read(), "an older report")
        # A folder nobody can create files in, even root (/proc).
        if os.path.isdir("/proc"):
            result = self.f.ctl("report", "gradebook", self.f.cls, "--format", "pdf", "-o",
                                "/proc/pupitre-gradebook.pdf", check=False)
            self.assert_refused(result, "/proc/pupitre-gradebook.pdf", "Choose a folder")
        # A report over a file the teacher cannot replace (a folder of that name): refused too.
        result = self.f.ctl("report", "gradebook", self.f.cls, "--format", "csv", "-o", folder,
                            check=False)
        self.assert_refused(result, "folder")
        # Usage mistakes exit with 2.
        result = self.f.ctl("report", "gradebook", self.f.cls, "--format", "pdf", check=False)
        self.assertEqual(result.returncode, 2)
        self.assertIn("-o FILE", result.stderr)
        # Success replaces the old file whole.
        self.f.ctl("report", "gradebook", self.f.cls, "--format", "xlsx", "-o", out)
        self.assertEqual(openpyxl.load_workbook(out).worksheets[0]["A5"].value, "Student")
        self.assertEqual(self.no_leftovers(folder), [])

    def test_a_full_disk_leaves_the_old_file_and_no_partial_one(self):
        folder = tempfile.mkdtemp(prefix="full-", dir=self.folder)
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k,mode=0700", "tmpfs",
                                  folder], capture_output=True, text=True)
        if mounted.returncode != 0:
            self.skipTest("cannot mount a small tmpfs here: " + mounted.stderr.strip())
        try:
            for fmt in ["pdf", "xlsx", "csv"]:
                out = os.path.join(folder, "gradebook." + fmt)
                with open(out, "w") as old:
                    old.write("the report of last week")
                filler = os.open(os.path.join(folder, "filler"), os.O_WRONLY | os.O_CREAT)
                try:
                    while os.write(filler, b"x" * 512) > 0:
                        pass
                except OSError:
                    pass  # the disk is full: what the report finds
                finally:
                    os.close(filler)
                result = self.f.ctl("report", "gradebook", self.f.cls, "--format", fmt, "-o", out,
                                    check=False)
                self.assert_refused(result, "Cannot write the report", "free space")
                self.assertEqual(self.no_leftovers(folder), [], fmt)
                with open(out) as old:
                    self.assertEqual(old.read(), "the report of last week", fmt)
                os.remove(os.path.join(folder, "filler"))
        finally:
            subprocess.run(["umount", folder], check=True)


if __name__ == "__main__":
    unittest.main()
