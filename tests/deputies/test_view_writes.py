"""Issue 15 "views never write": the registry's screens call services, which write in one transaction and
leave an audit entry; a refused write changes nothing."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.core.errors import NotPermitted, Refused
from renda.core.models import AuditEntry
from renda.deputies import services
from renda.deputies.models import ImportBatch, Person
from tests.deputies.test_import import good_rows, xlsx

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
_WRITES = re.compile(
    r"\.(save|create|update|delete|get_or_create|update_or_create|bulk_create|bulk_update)\("
)


@pytest.mark.parametrize(
    "path", [*sorted((ROOT / "renda/deputies/views").glob("*.py")), ROOT / "renda/core/views/auth.py"]
)
def test_views_do_not_write(path):
    hits = [line.strip() for line in path.read_text().splitlines() if _WRITES.search(line)]
    assert hits == [], f"{path.name} writes in the view: {hits}"


def test_upload_is_kept_by_a_service_and_audited(staff, county, roster, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    batch = services.check_upload(county, upload=SimpleUploadedFile("名册.xlsx", xlsx(good_rows())), by=staff)
    assert batch.status == ImportBatch.Status.CHECKED and batch.valid_rows == len(good_rows())
    assert not Person.objects.filter(name="赵一").exists()  # checked, nothing in the registry yet
    assert AuditEntry.objects.filter(action="deputies.import.check", object_id=str(batch.pk)).exists()
    done = services.confirm_import(batch, by=staff)
    assert done.status == ImportBatch.Status.IMPORTED and done.created == len(good_rows())
    with pytest.raises(Refused) as exc:
        services.confirm_import(batch, by=staff)
    assert exc.value.code == "import_already_done"


def test_upload_by_staff_of_another_body_is_refused_and_keeps_nothing(
    township_staff, county, roster, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(NotPermitted):
        services.check_upload(
            county, upload=SimpleUploadedFile("r.xlsx", xlsx(good_rows())), by=township_staff
        )
    assert not ImportBatch.objects.exists()


def test_registration_with_a_refused_seat_leaves_no_person(staff, county_term, roster):
    before = Person.objects.count()
    with pytest.raises(Refused) as exc:
        services.register_deputy(
            person={"name": "孙丽", "gender": "F", "ethnicity": "汉族", "party": "cpc"},
            term=county_term,
            on=dt.date(2030, 1, 1),  # after the term: the seat is refused
            by=staff,
            kind="elected",
        )
    assert exc.value.code == "elected_outside_term"
    assert Person.objects.count() == before


def test_registration_writes_person_and_seat_audited(staff, county_term, roster):
    person = services.register_deputy(
        person={"name": "孙丽", "gender": "F", "ethnicity": "汉族", "party": "cpc"},
        term=county_term,
        on=dt.date(2024, 3, 1),
        by=staff,
        kind="by_election",
        constituency=roster["con_a"],
    )
    assert person.mandates.get().changes.get().kind == "by_election"
    assert AuditEntry.objects.filter(action="deputies.person.create", object_id=str(person.pk)).exists()
