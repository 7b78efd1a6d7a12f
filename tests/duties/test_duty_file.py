"""The duty file (domain.md §3.2): eight sections, constant queries, PDF with an embedded CJK font, docx."""

import datetime as dt
import io
import os

from renda.duties import pdf, word
from renda.duties.choices import Category
from renda.duties.models import Award
from renda.duties.services import duty_file
from tests.factories.duties import DutyRecordFactory, dtype


def _fill(mandate, n):
    codes = ["congress_session", "inspection", "training", "group_activity", "suggestion", "voter_contact"]
    for i in range(n):
        DutyRecordFactory(
            mandate=mandate,
            duty_type=dtype(mandate.body, codes[i % len(codes)]),
            title=f"事项{i}",
            on=dt.date(2024 + i % 2, 3, 1) + dt.timedelta(days=i),
        )


def test_duty_file_has_the_eight_sections_in_order(own_mandate):
    _fill(own_mandate, 6)
    Award.objects.create(
        mandate=own_mandate, on=dt.date(2025, 3, 1), title="优秀人大代表", issuer="县人大常委会"
    )
    f = duty_file.build(own_mandate.pk)
    assert [s.title[:2] for s in f.sections] == [
        "一、",
        "二、",
        "三、",
        "四、",
        "五、",
        "六、",
        "七、",
        "八、",
    ]
    sections = {s.key: s for s in f.sections}
    assert len(sections[Category.MEETING].rows) == 1 and len(sections["awards"].rows) == 1


def test_duty_file_page_uses_a_constant_number_of_queries(
    own_mandate, deputy_user, login, django_assert_max_num_queries
):
    client = login(deputy_user)
    _fill(own_mandate, 3)
    with django_assert_max_num_queries(40) as few:
        assert client.get(f"/work/duties/file/{own_mandate.pk}/").status_code == 200
    _fill(own_mandate, 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(f"/work/duties/file/{own_mandate.pk}/").status_code == 200


def test_pdf_embeds_a_cjk_font_and_carries_the_chinese_text(own_mandate):
    # `make test` installs fonts-wqy-zenhei (TrueType outlines), so the font must be found here.
    assert pdf.font_path().is_file()
    _fill(own_mandate, 8)
    data = pdf.render(duty_file.build(own_mandate.pk))
    assert data.startswith(b"%PDF") and b"/FontFile2" in data  # TrueType embedded
    if os.environ.get("DUTIES_PDF_OUT"):
        with open(os.environ["DUTIES_PDF_OUT"], "wb") as out:
            out.write(data)


def test_docx_has_the_sections(own_mandate):
    from docx import Document

    _fill(own_mandate, 4)
    doc = Document(io.BytesIO(word.render(duty_file.build(own_mandate.pk))))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "代表履职档案" in text and "八、表彰奖励情况" in text


def test_pdf_without_an_embeddable_font_is_refused_clearly(own_mandate, monkeypatch, tmp_path):
    import pytest

    from renda.core.errors import Refused

    monkeypatch.setattr(pdf, "CANDIDATES", ())
    monkeypatch.setenv("RENDA_PDF_FONT", str(tmp_path / "missing.ttf"))
    with pytest.raises(Refused) as exc:
        pdf.font_path()
    assert exc.value.code == "pdf_font_missing" and "fonts-wqy-zenhei" in exc.value.message


def test_public_deputy_page_shows_the_duty_summary_and_no_private_data(client, own_mandate):
    # Issue 6/8: the public profile carries the published duty summary (filled in by duties).
    _fill(own_mandate, 6)
    page = client.get(f"/deputies/{own_mandate.person.pk}/").content.decode()
    assert "履职情况" in page and "本届已登记履职 6 次" in page
    assert own_mandate.card_number not in page or not own_mandate.card_number
