#!/usr/bin/env python3
"""Writes the three odd PDFs of eval/manuals/documents/ byte for byte (no dependency but Python 3).

They are hand-written PDF syntax on purpose: what makes them odd is exactly what PDF libraries
smooth over.
- odd-standard14.pdf: two pages in the standard 14 fonts (Helvetica, Times-Roman, Courier), NOT
  embedded (no glyph boxes but the font's bounding box), and words set with TJ position adjustments
  instead of space characters, as many typesetters and editorial systems do.
- odd-form.pdf: an AcroForm with filled-in text fields (one nested under a parent field), a list
  box with options and a check box; the values live only in the fields (no appearance streams, so
  /NeedAppearances is set), not in the page's content stream.
- odd-annotations.pdf: body text plus a free-text annotation and a sticky note whose /Contents hold
  words that are on no page, and one annotation without /Rect (legal to read, fatal to some readers).
Run: python3 eval/manuals/make-odd-pdfs.py eval/manuals/documents
"""
import sys, os

def pdf(objects):
    """objects: list of bytes (object bodies, numbered from 1); object 1 is the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, len(objects), xref)
    return bytes(out)

def stream(content, extra=b""):
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"

def info(title):
    return b"<< /Title (" + title + b") /Producer (eval/manuals/make-odd-pdfs.py) /CreationDate (D:20261204000000Z) >>"

FONTS = b"<< /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> /F2 << /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >> /F3 << /Type /Font /Subtype /Type1 /BaseFont /Courier >> /F4 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >> >>"

def tj_words(words, gap=-250):
    """A TJ array that separates words by moving the pen (gap in thousandths of an em), with no space character."""
    parts = []
    for i, w in enumerate(words):
        if i:
            parts.append(b"%d" % gap)
        parts.append(b"(" + w.encode("latin-1") + b")")
    return b"[" + b" ".join(parts) + b"] TJ"

def standard14():
    page1 = b"\n".join([
        b"BT /F4 20 Tf 72 740 Td (Journal of Harbour Acoustics) Tj ET",
        b"BT /F2 12 Tf 72 712 Td " + tj_words("Editorial board of the spring issue".split()) + b" ET",
        b"BT /F1 11 Tf 72 680 Td " + tj_words("Editor in chief: Ottilie Brennskog, University of Varnhem".split()) + b" ET",
        b"BT /F1 11 Tf 72 664 Td " + tj_words("Associate editor: Casimir Quellfeld, Institute of Tidal Engineering".split()) + b" ET",
        b"BT /F1 11 Tf 72 648 Td " + tj_words("Reviews editor: Annunziata Pfeilmoser, Polytechnic of Sundby".split()) + b" ET",
        b"BT /F2 11 Tf 72 610 Td " + tj_words("Submissions are read in the order received; the board meets every second Thursday.".split(), -240) + b" ET",
    ])
    page2 = b"\n".join([
        b"BT /F4 16 Tf 72 740 Td (Instrument calibration) Tj ET",
        b"BT /F2 11 Tf 72 712 Td " + tj_words("Each hydrophone is calibrated against the reference pistonphone before deployment.".split()) + b" ET",
        b"BT /F2 11 Tf 72 696 Td " + tj_words("The sensitivity correction is applied per channel, never per array.".split()) + b" ET",
        b"BT /F3 10 Tf 72 668 Td (calib --channel 7 --gain-offset -3.5dB --ref pistonphone-B) Tj ET",
        b"BT /F2 11 Tf 72 640 Td " + tj_words("Drift above half a decibel per month retires the hydrophone from service.".split()) + b" ET",
    ])
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font " + FONTS + b" >> /Contents 4 0 R >>",
        stream(page1),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font " + FONTS + b" >> /Contents 6 0 R >>",
        stream(page2),
        info(b"Journal of Harbour Acoustics: editorial board and calibration"),
    ])

def form():
    labels = b"\n".join([
        b"BT /F4 16 Tf 72 740 Td (Allotment garden application) Tj ET",
        b"BT /F1 11 Tf 72 700 Td (Applicant) Tj ET",
        b"BT /F1 11 Tf 72 670 Td (Plot requested) Tj ET",
        b"BT /F1 11 Tf 72 640 Td (Street) Tj ET",
        b"BT /F1 11 Tf 72 610 Td (Preferred crops) Tj ET",
        b"BT /F1 11 Tf 72 540 Td (Keeps bees) Tj ET",
    ])
    # Objects: 1 catalog, 2 pages, 3 page, 4 content, 5 applicant, 6 plot, 7 address (parent), 8 street (kid),
    # 9 crops list box, 10 bees check box, 11 info.
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R 6 0 R 7 0 R 9 0 R 10 0 R] /NeedAppearances true /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font " + FONTS + b" >> /Contents 4 0 R /Annots [5 0 R 6 0 R 8 0 R 9 0 R 10 0 R] >>",
        stream(labels),
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (applicant) /V (Wendeline Marchetti-Oyelaran) /Rect [200 695 520 715] /P 3 0 R /F 4 /DA (/Helv 11 Tf 0 g) >>",
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (plot) /V (Plot 17B by the quince hedge) /Rect [200 665 520 685] /P 3 0 R /F 4 /DA (/Helv 11 Tf 0 g) >>",
        b"<< /T (address) /Kids [8 0 R] >>",
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /Parent 7 0 R /T (street) /V (Kettlewell Lane 42) /Rect [200 635 520 655] /P 3 0 R /F 4 /DA (/Helv 11 Tf 0 g) >>",
        b"<< /Type /Annot /Subtype /Widget /FT /Ch /T (crops) /Opt [(Rhubarb) (Scorzonera) (Jerusalem artichoke) (Kohlrabi)] /V (Scorzonera) /Rect [200 560 520 620] /P 3 0 R /F 4 /DA (/Helv 10 Tf 0 g) >>",
        b"<< /Type /Annot /Subtype /Widget /FT /Btn /T (bees) /V /Yes /AS /Yes /Rect [200 535 215 550] /P 3 0 R /F 4 >>",
        info(b"Allotment garden application (filled form)"),
    ])

def annotations():
    body = b"\n".join([
        b"BT /F4 16 Tf 72 740 Td (Draft: ferry timetable changes) Tj ET",
        b"BT /F2 11 Tf 72 712 Td (The winter timetable moves the first crossing to a quarter past six.) Tj ET",
        b"BT /F2 11 Tf 72 696 Td (The evening service keeps its current departures.) Tj ET",
    ])
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font " + FONTS + b" >> /Contents 4 0 R /Annots [5 0 R 6 0 R 7 0 R] >>",
        stream(body),
        b"<< /Type /Annot /Subtype /FreeText /Rect [320 600 560 660] /Contents (Reviewer: the gangway at Pier Nine is closed for resurfacing until March) /DA (/Helv 10 Tf 0 g) /F 4 >>",
        b"<< /Type /Annot /Subtype /Text /Rect [560 700 580 720] /Contents (Ask the harbourmaster whether the catamaran Skerryvore can cover the Sunday sailings) /Open false /F 4 >>",
        b"<< /Type /Annot /Subtype /Text /Contents (This note has no rectangle) >>",
        info(b"Ferry timetable draft with review notes"),
    ])

def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "documents"
    os.makedirs(folder, exist_ok=True)
    for name, data in (("odd-standard14.pdf", standard14()), ("odd-form.pdf", form()), ("odd-annotations.pdf", annotations())):
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)

main()
