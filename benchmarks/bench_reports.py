"""Certificate speed: prints one JSON object.

first_ms: the first certificate after process start (fonts loaded then); per_cert_ms: median over 1,000 certificates;
reportlab_floor_ms: median of a bare reportlab page with the same fonts and the same text, measured in this run;
inkan_per_cert_ms: median over 200 印鑑登録証明書 (the impression of a generated 15 mm seal at true size, signed).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import statistics
import sys
import time
from pathlib import Path

START = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from demo.seals import seal_scan  # noqa: E402
from domain.certificate_items import Signatory, build_certificate, certificate_message, issue_number  # noqa: E402
from domain.inkan import Impression, InkanCertificate  # noqa: E402
from domain.kofu_rules import CertificateKind, Item, KofuRequest, Requester, RequesterKind, decide  # noqa: E402
from domain.records import Address, Honseki, HonsekiKind, Person, Sex  # noqa: E402
from domain.seal_impression import measure  # noqa: E402
from domain.wareki import RegDate  # noqa: E402
from reports import inkan_pdf  # noqa: E402
from reports.certificate_pdf import render  # noqa: E402
from reports.fonts import FONTS  # noqa: E402

TODAY = dt.date(2026, 11, 27)
KEY = Ed25519PrivateKey.generate()


def household() -> list[Person]:
    names = ["𠮷田　太郎", "𠮷田　花子", "𠮷田　一郎", "𠮷田　次郎"]
    return [Person(atena_no=f"00010000{i}", setai_no="0002000001", name=n, name_kana="ヨシダ　タロウ",
                   birth=RegDate("1975-01-01"), sex=Sex.MALE, relationship="世帯主" if i == 0 else "子",
                   address=Address("さくら県みどり町本町2丁目3番4号"), resident_since=RegDate("2026-11-20"),
                   kana_confirmed=True, notified_on=RegDate("2026-11-25"), previous_address="東京都千代田区千代田1番1号",
                   honseki=Honseki(HonsekiKind.RECORDED, "さくら県みどり町本町1番地", "𠮷田　太郎"),
                   mynumber="123456789018", juminhyo_code="12345678901") for i, n in enumerate(names)]


def certificate(serial: int) -> bytes:
    persons = household()
    head = persons[0]
    request = KofuRequest(CertificateKind.JUMINHYO, (head.atena_no,),
                          Requester(RequesterKind.HONNIN, head.name, "運転免許証", atena_no=head.atena_no),
                          household=True, include=frozenset({Item.SETAINUSHI}))
    decision = decide(request, persons, [], TODAY)
    number = issue_number(TODAY, "みどり町", "本庁1", "プリンタ001", serial)
    cert = build_certificate(request, decision, persons, persons[0], signed_by=Signatory("さくら県みどり町長", "町長　一郎"),
                             issued_on=TODAY, issue_no=number, seal_png=None)
    return render(cert, lambda d: KEY.sign(certificate_message(number, d))).pdf


def inkan_certificate(serial: int, impression: Impression) -> bytes:
    head = household()[0]
    number = issue_number(TODAY, "みどり町", "本庁1", "プリンタ001", serial)
    cert = InkanCertificate("100001", head.name, "", "", "昭和50年1月1日", head.sex.value, head.address.full(),
                            impression, "令和8年11月27日", number, "さくら県みどり町長", "町長　一郎", None)
    return inkan_pdf.render(cert, lambda d: KEY.sign(certificate_message(number, d))).pdf


def floor(strings: list[str]) -> None:
    """The same strings, fonts and page size drawn by bare reportlab at fixed places: no layout, no QR."""
    canvas = Canvas(io.BytesIO(), pagesize=A4, initialFontName=FONTS.text_font, pageCompression=1)
    y = 800.0
    for s in strings:
        x = 40.0
        for font, part in FONTS.runs(s):
            canvas.setFont(font, 9)
            canvas.drawString(x, y, part)
            x += canvas.stringWidth(part, font, 9)
        y = y - 6 if y > 60 else 800.0
    canvas.showPage()
    canvas.save()


def main() -> None:
    certificate(1)
    first_ms = (time.perf_counter() - START) * 1000
    times = []
    for i in range(1000):
        t = time.perf_counter()
        certificate(i + 2)
        times.append((time.perf_counter() - t) * 1000)
    from reports import certificate_pdf
    original = certificate_pdf._Page.text
    strings: list[str] = []  # the strings one certificate prints, each drawn once

    def collecting(self: certificate_pdf._Page, x: float, y: float, text: str, *args: object, **kwargs: object) -> None:
        strings.append(text)
        original(self, x, y, text, *args, **kwargs)  # type: ignore[arg-type]

    certificate_pdf._Page.text = collecting  # type: ignore[method-assign]
    certificate(0)
    certificate_pdf._Page.text = original  # type: ignore[method-assign]
    del strings[len(strings) // 2:]  # each copy is drawn twice, before and after signing (reports.signed_pdf)
    floors = []
    for _ in range(200):
        t = time.perf_counter()
        floor(strings)
        floors.append((time.perf_counter() - t) * 1000)
    impression = Impression.of(measure(seal_scan("𠮷田", size_mm=15)))
    inkan_certificate(0, impression)
    inkan_times = []
    for i in range(200):
        t = time.perf_counter()
        inkan_certificate(i + 1, impression)
        inkan_times.append((time.perf_counter() - t) * 1000)
    print(json.dumps({"first_ms": round(first_ms, 1), "per_cert_ms": round(statistics.median(times), 2),
                      "reportlab_floor_ms": round(statistics.median(floors), 2), "certificates": 1000,
                      "inkan_per_cert_ms": round(statistics.median(inkan_times), 2),
                      "printed_chars": len("".join("".join(strings).split()))}))


if __name__ == "__main__":
    main()
